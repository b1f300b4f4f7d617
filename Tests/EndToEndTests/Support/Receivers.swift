import Foundation
import Testing

/// The Python HTTP/1.1 receiver behind `Receiver`, written on raw sockets so
/// it can hang, drip or stream without end.
///
/// Arguments: the log file and the lifetime in seconds, after which it exits
/// on its own. It prints its port, then appends one JSON line per request
/// to the log as soon as the request has been read, before it responds.
///
/// The query string of each request selects the response:
/// - `status` (default 204), `body`, `location`, `retry_after`: a plain response.
/// - `delay=S`: wait S seconds before responding.
/// - `mode=hang`: wait up to `hang` seconds (default 30) for the client to
///   close, then respond.
/// - `mode=drip`: 200 without Content-Length, then one byte every 50 ms for
///   `drip` seconds.
/// - `mode=huge`: 200 that announces 4 GiB, then bytes for up to 20 s.
/// - `seq=500,hang,200`: the mode or status for the 1st, 2nd, ... request
///   to the same path; the last one repeats.
let receiverScript = #"""
import base64, json, os, socket, sys, threading, time
from http import HTTPStatus
from urllib.parse import urlsplit, parse_qs

log_path = sys.argv[1]
lifetime = float(sys.argv[2])
log_lock = threading.Lock()
path_counts = {}


def reason_phrase(status):
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Status"


def read_request(reader):
    start = reader.readline()
    if not start.strip():
        return None
    method, target, _ = start.decode("latin-1").rstrip("\r\n").split(" ", 2)
    headers = []
    while True:
        line = reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").rstrip("\r\n").partition(":")
        headers.append([name, value.strip()])
    lengths = [value for name, value in headers if name.lower() == "content-length"]
    body = reader.read(int(lengths[0])) if lengths else b""
    closing = any(name.lower() == "connection" and value.lower() == "close" for name, value in headers)
    return method, target, headers, body, closing


def record(method, target, headers, body):
    path = urlsplit(target).path
    with log_lock:
        path_counts[path] = path_counts.get(path, 0) + 1
        entry = {"method": method, "target": target, "path": path, "headers": headers,
                 "body_base64": base64.b64encode(body).decode(), "time": time.time(),
                 "index": path_counts[path]}
        with open(log_path, "a") as log:
            log.write(json.dumps(entry) + "\n")
        return path_counts[path]


def send_response(connection, status, headers, body, closing):
    lines = ["HTTP/1.1 %d %s" % (status, reason_phrase(status))]
    lines += ["%s: %s" % pair for pair in headers]
    lines.append("Content-Length: %d" % len(body))
    if closing:
        lines.append("Connection: close")
    connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)


def wait_for_close(connection, seconds):
    connection.settimeout(seconds)
    try:
        return connection.recv(1) == b""
    except socket.timeout:
        return False
    except OSError:
        return True


def stream(connection, head, chunk, pause, seconds):
    connection.sendall(head)
    end = time.time() + seconds
    try:
        while time.time() < end:
            connection.sendall(chunk)
            if pause:
                time.sleep(pause)
    except OSError:
        pass


def respond(connection, query, index, closing):
    """Answers one request and returns whether the connection stays open."""
    option = lambda name, default=None: query.get(name, [default])[0]
    steps = option("seq").split(",") if option("seq") else []
    step = steps[min(index, len(steps)) - 1] if steps else option("mode", "plain")
    status = int(option("status", "204"))
    if step.isdigit():
        status, step = int(step), "plain"
    if step == "hang":
        if wait_for_close(connection, float(option("hang", "30"))):
            return False
    if step == "drip":
        stream(connection, b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", b"x", 0.05, float(option("drip", "20")))
        return False
    if step == "huge":
        stream(connection, b"HTTP/1.1 200 OK\r\nContent-Length: 4294967296\r\n\r\n", b"y" * 65536, 0, 20)
        return False
    time.sleep(float(option("delay", "0")))
    headers = []
    if option("location"):
        headers.append(("Location", option("location")))
    if option("retry_after"):
        headers.append(("Retry-After", option("retry_after")))
    send_response(connection, status, headers, option("body", "").encode(), closing)
    return not closing


def serve(connection):
    connection.settimeout(60)
    reader = connection.makefile("rb")
    try:
        while True:
            request = read_request(reader)
            if request is None:
                break
            method, target, headers, body, closing = request
            index = record(method, target, headers, body)
            if not respond(connection, parse_qs(urlsplit(target).query), index, closing):
                break
    except (OSError, ValueError):
        pass
    finally:
        connection.close()


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(512)
print(server.getsockname()[1], flush=True)
threading.Timer(lifetime, lambda: os._exit(0)).start()
while True:
    client, _ = server.accept()
    threading.Thread(target=serve, args=(client,), daemon=True).start()
"""#

/// A failure of the test harness itself, such as a server that did not start.
struct HarnessError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// One request as the receiver read it.
struct ReceivedRecord {
    let method: String
    /// The request target, path and query.
    let target: String
    let path: String
    /// Header fields in the order received, names as spelled.
    let headers: [(name: String, value: String)]
    /// The body bytes exactly as received.
    let body: Data
    /// Wall-clock seconds since the epoch at which the request had been read.
    let time: Double
    /// The request's number among those to the same path, from 1.
    let index: Int

    /// Returns the first value of a header, compared without regard to case.
    func value(of name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var webhookID: String? { value(of: "webhook-id") }
}

/// The JSON-lines log that the test servers append one request to as soon
/// as they have read it.
struct RequestLog {
    let path: String

    /// Returns the requests read so far, in the order they were read.
    func records() throws -> [ReceivedRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).enumerated().map { position, line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let pairs = object["headers"] as? [[String]],
                let body = (object["body_base64"] as? String).flatMap({ Data(base64Encoded: $0) })
            else { throw HarnessError("unreadable server log line: \(String(decoding: line, as: UTF8.self))") }
            return ReceivedRecord(
                method: object["method"] as? String ?? "", target: object["target"] as? String ?? "",
                path: object["path"] as? String ?? "", headers: pairs.map { (name: $0[0], value: $0[1]) },
                body: body, time: object["time"] as? Double ?? 0, index: object["index"] as? Int ?? position + 1)
        }
    }

    /// Waits until at least `count` requests have been read, up to `timeout`
    /// seconds, and returns the requests read by then.
    func waitForRecords(_ count: Int, timeout: TimeInterval) throws -> [ReceivedRecord] {
        let deadline = Date().addingTimeInterval(timeout)
        var records = try self.records()
        while records.count < count && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            records = try self.records()
        }
        return records
    }
}

extension RunningProcess {
    /// Waits up to `timeout` seconds for a server script to print its port
    /// on a line of its own, and returns it.
    func waitForPort(timeout: TimeInterval = 10) -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = stdoutSoFar
            if text.hasSuffix("\n"), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return port }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }
}

/// The receiver script running on 127.0.0.1, killed when the value is released.
final class Receiver {
    let port: Int
    private let process: RunningProcess
    private let log: RequestLog

    /// Starts the receiver with its script and log in the sandbox's folder.
    init(_ sandbox: Sandbox, lifetimeSeconds: Int = 120) throws {
        let name = "receiver-\(UUID().uuidString.prefix(8))"
        let scriptPath = try sandbox.write(name + ".py", receiverScript)
        log = RequestLog(path: sandbox.path(name + ".jsonl"))
        process = try RunningProcess("/usr/bin/env", ["python3", scriptPath, log.path, String(lifetimeSeconds)])
        guard let port = process.waitForPort() else {
            let result = process.wait(timeout: 0)
            throw HarnessError("the receiver printed no port; its standard error: \(result.stderr)")
        }
        self.port = port
    }

    deinit {
        // SIGKILL, because a child of the test runner may inherit a mask that
        // blocks SIGTERM.
        process.signal(SIGKILL)
        _ = process.wait(timeout: 5)
    }

    /// Returns the receiver's URL for a path with its query, such as `/a?status=500`.
    func url(_ pathAndQuery: String) -> String {
        "http://127.0.0.1:\(port)\(pathAndQuery)"
    }

    /// Returns the requests read so far, in the order they were read.
    func records() throws -> [ReceivedRecord] { try log.records() }

    /// Waits until at least `count` requests have been read, up to `timeout`
    /// seconds, and returns the requests read by then.
    @discardableResult
    func waitForRecords(_ count: Int, timeout: TimeInterval = 10) throws -> [ReceivedRecord] {
        try log.waitForRecords(count, timeout: timeout)
    }
}

/// Signing secrets for subscriptions whose secret a test needs to know.
enum TestSecret {
    /// Returns a new `whsec_` secret of 32 random bytes.
    static func random() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        return "whsec_" + Data(bytes).base64EncodedString()
    }
}

extension Sandbox {
    /// Creates an enabled subscription allowed to reach 127.0.0.1 and returns
    /// its id. `secret` is written to a file and passed with --secret-file.
    @discardableResult
    func subscribe(
        _ url: String, events: [String] = ["response_submitted"], departments: [String] = [],
        secret: String? = nil, extra: [String] = []
    ) throws -> String {
        var arguments = ["subscribe", "--url", url, "--allow-private-network", "--quiet", "--force"]
        for event in events { arguments += ["--event", event] }
        for department in departments { arguments += ["--department", department] }
        if let secret {
            arguments += ["--secret-file", try write("secret-\(UUID().uuidString.prefix(8))", secret + "\n")]
        }
        let result = try csw(arguments + extra)
        let id = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, id.hasPrefix("sub_") else {
            throw HarnessError("csw subscribe failed with status \(result.status): \(result.stderr)")
        }
        return id
    }

    /// Returns every delivery in the log, from `csw deliveries --json`.
    func deliveries() throws -> [[String: Any]] {
        let result = try csw(["deliveries", "--json", "--limit", "100000"])
        guard result.status == 0 else { throw HarnessError("csw deliveries failed: \(result.stderr)") }
        return try jsonArray(result.stdout)
    }

    /// Returns one delivery with its attempts, from `csw deliveries show ID --json`.
    func delivery(_ id: String) throws -> [String: Any] {
        let result = try csw(["deliveries", "show", id, "--json"])
        guard result.status == 0 else { throw HarnessError("csw deliveries show failed: \(result.stderr)") }
        return try jsonObject(result.stdout)
    }

    /// Returns one subscription, from `csw show ID --json`.
    func subscription(_ id: String) throws -> [String: Any] {
        let result = try csw(["show", id, "--json"])
        guard result.status == 0 else { throw HarnessError("csw show failed: \(result.stderr)") }
        return try jsonObject(result.stdout)
    }
}

/// Parses text that must be one JSON object.
func jsonObject(_ text: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw HarnessError("expected a JSON object, got: \(text.prefix(300))")
    }
    return object
}

/// Parses text that must be a JSON array of objects.
func jsonArray(_ text: String) throws -> [[String: Any]] {
    guard let array = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
        throw HarnessError("expected a JSON array of objects, got: \(text.prefix(300))")
    }
    return array
}

/// Parses a time that csw prints, such as `2026-12-04T15:24:25Z`, into
/// seconds since the epoch.
func epochSeconds(_ text: String) throws -> Double {
    guard let date = ISO8601DateFormatter().date(from: text) else {
        throw HarnessError("not an ISO 8601 time: \(text)")
    }
    return date.timeIntervalSince1970
}

/// Returns a port on 127.0.0.1 that refuses connections. It binds a socket
/// to learn a free port number, then closes it.
func refusedPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw HarnessError("socket failed: errno \(errno)") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
            bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
        }
    }
    guard bound else { throw HarnessError("bind on 127.0.0.1 failed: errno \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// The `standardwebhooks` PyPI package, as a verifier and signer that
/// shares no code with csw.
enum StandardWebhooks {
    private static let verifyScript = #"""
        import base64, json, sys
        from standardwebhooks.webhooks import Webhook
        request = json.load(sys.stdin)
        try:
            Webhook(request["secret"]).verify(base64.b64decode(request["body"]), request["headers"], json_parse=False)
            print("valid")
        except Exception as error:
            print("invalid: %s: %s" % (type(error).__name__, error))
        """#

    private static let signScript = #"""
        import base64, json, sys
        from datetime import datetime, timezone
        from standardwebhooks.webhooks import Webhook
        request = json.load(sys.stdin)
        moment = datetime.fromtimestamp(request["timestamp"], tz=timezone.utc)
        print(Webhook(request["secret"]).sign(request["id"], moment, base64.b64decode(request["body"])))
        """#

    /// Verifies a received request with the library and returns nil when it
    /// is valid, or the library's error otherwise.
    static func verificationError(secret: String, record: ReceivedRecord) throws -> String? {
        var headers: [String: String] = [:]
        for header in record.headers { headers[header.name] = header.value }
        let input: [String: Any] = ["secret": secret, "body": record.body.base64EncodedString(), "headers": headers]
        let result = try runPython(verifyScript, stdin: try JSONSerialization.data(withJSONObject: input), timeout: 30)
        let output = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0 else { throw HarnessError("the verifier failed: \(result.stderr)") }
        return output == "valid" ? nil : output
    }

    /// Signs with the library and returns its `webhook-signature` value.
    static func sign(secret: String, id: String, timestamp: Int, body: Data) throws -> String {
        let input: [String: Any] = ["secret": secret, "id": id, "timestamp": timestamp, "body": body.base64EncodedString()]
        let result = try runPython(signScript, stdin: try JSONSerialization.data(withJSONObject: input), timeout: 30)
        guard result.status == 0 else { throw HarnessError("the signer failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
