import Foundation
import Testing

/// A self-signed certificate and its private key, made with the `openssl`
/// command in a sandbox. The certificate is its own certificate authority,
/// so passing it to `--ca-file` makes csw trust it.
struct TestCertificate {
    let certificatePath: String
    let keyPath: String

    /// Generates a P-256 key and a certificate valid for two days.
    ///
    /// - Parameters:
    ///   - commonName: the subject's CN.
    ///   - alternativeNames: the subjectAltName entries, such as
    ///     `IP:127.0.0.1,DNS:localhost`.
    init(_ sandbox: Sandbox, name: String, commonName: String, alternativeNames: String) throws {
        certificatePath = sandbox.path(name + "-cert.pem")
        keyPath = sandbox.path(name + "-key.pem")
        let result = try runProcess("/usr/bin/env", [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", keyPath, "-out", certificatePath, "-days", "2", "-subj", "/CN=\(commonName)",
            "-addext", "subjectAltName=\(alternativeNames)",
        ], timeout: 30)
        guard result.status == 0 else {
            throw HarnessError("openssl req failed with status \(result.status): \(result.stderr)")
        }
    }
}

/// The Python server behind `LocalServer`: http.server on one address,
/// optionally wrapped in TLS, which responds to every POST with 204.
///
/// Arguments: the address to bind, the log file, the lifetime in seconds,
/// and optionally the certificate and key files. It prints its port, then
/// appends one JSON line per request to the log in the format of the
/// `Receiver` log. A failed TLS handshake is dropped without a log line.
private let localServerScript = #"""
import base64, json, os, socket, ssl, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

host, log_path, lifetime = sys.argv[1], sys.argv[2], float(sys.argv[3])
certificate, private_key = (sys.argv[4], sys.argv[5]) if len(sys.argv) > 5 else (None, None)
log_lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        entry = {"method": self.command, "target": self.path, "path": self.path.split("?")[0],
                 "headers": [[name, value] for name, value in self.headers.items()],
                 "body_base64": base64.b64encode(body).decode(), "time": time.time()}
        with log_lock:
            with open(log_path, "a") as log:
                log.write(json.dumps(entry) + "\n")
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *arguments):
        pass


class Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


server = Server((host, 0), Handler)
if certificate:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, private_key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
threading.Timer(lifetime, lambda: os._exit(0)).start()
server.serve_forever()
"""#

/// An HTTP or HTTPS server on one loopback address, started by the test and
/// killed when the value is released. Unlike `Receiver`, it can bind ::1 or
/// any 127.0.0.0/8 address and can speak TLS.
final class LocalServer {
    let host: String
    let port: Int
    let isTLS: Bool
    private let process: RunningProcess
    private let log: RequestLog

    /// Starts the server on `host`, with TLS when `certificate` is given.
    init(_ sandbox: Sandbox, host: String = "127.0.0.1", certificate: TestCertificate? = nil, lifetimeSeconds: Int = 60) throws {
        self.host = host
        isTLS = certificate != nil
        let name = "server-\(UUID().uuidString.prefix(8))"
        let scriptPath = try sandbox.write(name + ".py", localServerScript)
        log = RequestLog(path: sandbox.path(name + ".jsonl"))
        var arguments = ["python3", scriptPath, host, log.path, String(lifetimeSeconds)]
        if let certificate { arguments += [certificate.certificatePath, certificate.keyPath] }
        process = try RunningProcess("/usr/bin/env", arguments)
        guard let port = process.waitForPort() else {
            let result = process.wait(timeout: 0)
            throw HarnessError("the server on \(host) printed no port; its standard error: \(result.stderr)")
        }
        self.port = port
    }

    deinit {
        process.signal(SIGKILL)
        _ = process.wait(timeout: 5)
    }

    /// Returns the server's URL for a path, with `authority` in place of the
    /// bound address when given (such as a host name that resolves to it).
    func url(_ path: String, authority: String? = nil) -> String {
        let shownHost = authority ?? (host.contains(":") ? "[\(host)]" : host)
        return "\(isTLS ? "https" : "http")://\(shownHost):\(port)\(path)"
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

/// `csw listen` on a free port of 127.0.0.1, started in a sandbox.
struct ListeningCSW {
    let process: RunningProcess
    let port: Int

    init(_ sandbox: Sandbox, _ arguments: [String]) throws {
        process = try sandbox.start(["listen", "--port", "0"] + arguments)
        guard process.waitForOutput("Listening on", timeout: 10) else {
            let result = process.wait(timeout: 1)
            throw HarnessError("csw listen did not start: \(result.stderr)")
        }
        let text = process.stderrSoFar
        guard let range = text.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
            let port = Int(text[range].split(separator: ":")[1])
        else { throw HarnessError("no port in the output of csw listen: \(text)") }
        self.port = port
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }
}
