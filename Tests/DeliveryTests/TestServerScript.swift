/// The Python HTTP/1.1 server behind `TestServer`. It speaks raw sockets so
/// tests can make it misbehave: hang, drip, stream without end, send odd
/// header case. It appends one JSON line per request to the record file and
/// rewrites `<record file>.stats` with connection counts after every change.
/// Given a certificate and key file after the record file, it speaks HTTPS.
let testServerScript = #"""
import base64, json, os, socket, ssl, sys, threading, time
from urllib.parse import urlsplit, parse_qs

record_path = sys.argv[1]
lock = threading.Lock()
stats = {"connections": 0, "active": 0, "max_active": 0, "requests": 0, "streamed_bytes": 0}
LIFETIME = 60  # seconds; the server exits on its own after this


def save_stats():
    temporary = record_path + ".stats.tmp"
    with open(temporary, "w") as f:
        json.dump(stats, f)
    os.replace(temporary, record_path + ".stats")


def read_request(f):
    line = f.readline()
    if not line:
        return None
    method, target, _ = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
    headers = []
    while True:
        raw = f.readline()
        if raw in (b"\r\n", b"\n", b""):
            break
        name, _, value = raw.decode("latin-1").partition(":")
        headers.append([name, value.strip()])
    length = int(next((v for n, v in headers if n.lower() == "content-length"), "0"))
    body = f.read(length) if length else b""
    return method, target, headers, body


def respond(conn, status, reason, headers=(), body=b""):
    head = "HTTP/1.1 %d %s\r\n" % (status, reason)
    for name, value in headers:
        head += "%s: %s\r\n" % (name, value)
    head += "Content-Length: %d\r\n\r\n" % len(body)
    conn.sendall(head.encode("latin-1") + body)


def stream(conn, head, chunk, pause, limit_seconds):
    conn.sendall(head)
    deadline = time.time() + limit_seconds
    try:
        while time.time() < deadline:
            conn.sendall(chunk)
            with lock:
                stats["streamed_bytes"] += len(chunk)
                save_stats()
            if pause:
                time.sleep(pause)
    except OSError:
        pass


def handle_request(conn, method, target, query):
    path = urlsplit(target).path
    query_value = lambda key, default=None: query.get(key, [default])[0]
    if path.startswith("/status/"):
        status = int(path.split("/")[2])
        headers = []
        if query_value("location"):
            headers.append((query_value("location_name", "Location"), query_value("location")))
        if query_value("retry_after"):
            headers.append((query_value("retry_after_name", "Retry-After"), query_value("retry_after")))
        respond(conn, status, query_value("reason", "Status"), headers, query_value("body", "").encode())
        return True
    if path == "/continue":
        conn.sendall(b"HTTP/1.1 100 Continue\r\nRetry-After: 7\r\n\r\n")
        respond(conn, 429, "Too Many Requests", body=b"slow down")
        return True
    if path == "/slow":
        time.sleep(int(query_value("ms", "100")) / 1000)
        respond(conn, 200, "OK", body=b"ok")
        return True
    if path == "/hang":
        conn.settimeout(20)
        try:
            conn.recv(1)
        except OSError:
            pass
        return False
    if path == "/drip":
        stream(conn, b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", b"x", 0.05, 20)
        return False
    if path == "/huge":
        head = b"HTTP/1.1 200 OK\r\nContent-Length: 2147483648\r\n\r\n"
        stream(conn, head, b"y" * 65536, 0, 20)
        return False
    respond(conn, 404, "Not Found", body=b"no such path")
    return True


def serve(conn):
    if tls_context is not None:
        try:
            conn.settimeout(5)
            conn = tls_context.wrap_socket(conn, server_side=True)
        except (OSError, ssl.SSLError):
            conn.close()
            return
    with lock:
        stats["connections"] += 1
        stats["active"] += 1
        stats["max_active"] = max(stats["max_active"], stats["active"])
        save_stats()
    conn.settimeout(20)
    f = conn.makefile("rb")
    try:
        while True:
            request = read_request(f)
            if request is None:
                break
            method, target, headers, body = request
            record = {"method": method, "target": target, "headers": headers,
                      "body": base64.b64encode(body).decode(), "time": time.monotonic()}
            with lock:
                stats["requests"] += 1
                with open(record_path, "a") as log:
                    log.write(json.dumps(record) + "\n")
                save_stats()
            if not handle_request(conn, method, target, parse_qs(urlsplit(target).query)):
                break
    except OSError:
        pass
    finally:
        with lock:
            stats["active"] -= 1
            save_stats()
        conn.close()


tls_context = None
if len(sys.argv) > 3:
    tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls_context.load_cert_chain(sys.argv[2], sys.argv[3])

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(256)
save_stats()
print(listener.getsockname()[1], flush=True)
threading.Timer(LIFETIME, lambda: os._exit(0)).start()
while True:
    connection, _ = listener.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
"""#
