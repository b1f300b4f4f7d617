import Foundation
import Testing

@testable import CSWCore
@testable import CSWReceiving

/// A `Listener` running on its own thread, collecting what it receives.
final class RunningListener: @unchecked Sendable {
    let listener: Listener
    let port: UInt16
    private let lock = NSLock()
    private var requests: [ReceivedRequest] = []
    private var rejectedRequests: [RejectedRequest] = []
    private var stopFlag = false
    private let finished = DispatchSemaphore(value: 0)

    init(_ options: ListenerOptions) throws {
        listener = try Listener(options: options)
        port = listener.port
        let thread = Thread { [self] in
            try? listener.run(
                shouldStop: { self.locked { self.stopFlag } },
                onRejection: { rejection in self.locked { self.rejectedRequests.append(rejection) } },
                handler: { request in self.locked { self.requests.append(request) } })
            finished.signal()
        }
        thread.start()
    }

    var received: [ReceivedRequest] { locked { requests } }
    var rejected: [RejectedRequest] { locked { rejectedRequests } }

    /// Asks the loop to stop and waits for it, at most five seconds.
    @discardableResult
    func stop() -> Bool {
        locked { stopFlag = true }
        return waitUntilFinished(seconds: 5)
    }

    func waitUntilFinished(seconds: Double) -> Bool {
        guard finished.wait(timeout: .now() + seconds) == .success else { return false }
        // Signals again, so that later waits return at once too.
        finished.signal()
        return true
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}

/// A response as a test client reads it.
struct ClientResponse {
    let status: Int
    let headers: [String: String]
    let body: String
}

/// A blocking TCP client with bounded reads, for talking to the listener.
final class TestClient {
    let descriptor: Int32
    private var buffer: [UInt8] = []

    init(port: UInt16, ipv6: Bool = false) throws {
        descriptor = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SystemError("socket") }
        let result: Int32
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            address.sin6_addr = in6addr_loopback
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw SystemError("connect", subject: "port \(port)")
        }
    }

    deinit { close(descriptor) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw SystemError("send") }
            offset += sent
        }
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Reads more bytes, waiting at most `milliseconds`. Returns false at
    /// end of stream, on error or on timeout.
    private func fill(milliseconds: Int32) -> Bool {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        guard poll(&descriptors, 1, milliseconds) == 1 else { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    /// Reads one response, waiting at most `seconds` in all.
    func readResponse(seconds: Double = 5) -> ClientResponse? {
        let end = Date().addingTimeInterval(seconds)
        func remaining() -> Int32 { Int32(max(0, end.timeIntervalSinceNow * 1000)) }
        var headEnd: Int?
        while headEnd == nil {
            headEnd = buffer.indices.dropLast(3).first {
                buffer[$0] == 13 && buffer[$0 + 1] == 10 && buffer[$0 + 2] == 13 && buffer[$0 + 3] == 10
            }
            if headEnd == nil && !fill(milliseconds: remaining()) { return nil }
        }
        let headText = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = headEnd! + 4
        while buffer.count < bodyStart + length {
            if !fill(milliseconds: remaining()) { return nil }
        }
        let body = String(decoding: buffer[bodyStart..<bodyStart + length], as: UTF8.self)
        buffer.removeFirst(bodyStart + length)
        return ClientResponse(status: status, headers: headers, body: body)
    }

    /// Waits up to `seconds` for the server to close the connection, and
    /// returns whether it did.
    func waitForClose(seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while end.timeIntervalSinceNow > 0 {
            var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            guard poll(&descriptors, 1, Int32(max(1, end.timeIntervalSinceNow * 1000))) == 1 else { return false }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return true }
        }
        return false
    }
}

/// Builds the bytes of a signed webhook request.
func signedRequest(
    body: [UInt8], secret: WebhookSecret, id: String = "msg_1", timestamp: Int64? = nil,
    path: String = "/hooks", extraHeaders: [String] = [], connectionClose: Bool = false
) -> [UInt8] {
    let stamp = timestamp ?? Int64(Date().timeIntervalSince1970)
    let signature = WebhookSignature.sign(id: id, timestampSeconds: stamp, body: body, secret: secret)
    var lines = [
        "POST \(path) HTTP/1.1",
        "Host: 127.0.0.1",
        "Content-Type: application/json",
        "Content-Length: \(body.count)",
        "webhook-id: \(id)",
        "webhook-timestamp: \(stamp)",
        "webhook-signature: \(signature)",
    ]
    lines += extraHeaders
    if connectionClose { lines.append("Connection: close") }
    return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
}
