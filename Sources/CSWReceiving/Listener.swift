#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CSWCore

/// A small HTTP/1.1 server on a loopback address that receives webhooks,
/// verifies their signatures over the raw body, and hands each request to a
/// handler.
///
/// One thread serves every connection from a `poll` loop. A slow client
/// does not delay the others, because each request must arrive within
/// `ListenerOptions.requestTimeoutMilliseconds` and within the size limits.
/// Otherwise the connection gets 408, 413 or 431 and is closed. The listener
/// prints nothing.
package final class Listener {
    package let options: ListenerOptions
    /// The bound port, the chosen one when `options.port` is 0.
    package let port: UInt16
    /// Complete requests handed to the handler so far.
    package private(set) var requestCount = 0

    private let socketDescriptor: Int32
    private var connections: [Connection] = []
    private var stopRequested = false
    private var lastRequestTime: Int64
    private var rejectionHandler: (RejectedRequest) -> Void = { _ in }

    /// How long a connection may take to send its last response and close.
    private let drainMilliseconds: Int64 = 1000
    /// The longest `poll` wait, so stop requests are seen promptly.
    private let tickMilliseconds: Int64 = 100

    /// Binds and listens on the loopback address and port in `options`.
    ///
    /// - Throws: `SystemError` when the socket cannot be bound, such as when
    ///   the port is in use.
    package init(options: ListenerOptions) throws {
        self.options = options
        let bound = try ListeningSocket.open(host: options.host, port: options.port)
        socketDescriptor = bound.descriptor
        port = bound.port
        lastRequestTime = Clock.monotonicMilliseconds()
    }

    deinit {
        for connection in connections { connection.close() }
        close(socketDescriptor)
    }

    /// The address clients connect to, such as `http://127.0.0.1:8080/`.
    package var url: String {
        options.host == .ipv6 ? "http://[::1]:\(port)/" : "http://127.0.0.1:\(port)/"
    }

    /// Asks `run` to return at its next poll tick, within about 100 ms.
    /// Safe to call from the handler.
    package func stop() {
        stopRequested = true
    }

    /// Serves requests until `stop()` is called, `shouldStop` returns true
    /// (checked about every 100 ms, for example a flag a SIGINT handler
    /// sets), the request maximum is reached, or the idle time passes.
    ///
    /// The handler runs after the response is queued and before it is sent.
    /// `onRejection` runs for each request rejected with 400, 408, 411, 413,
    /// 431 or 505. Those requests never reach the handler. Responses still queued when
    /// the loop ends get up to one second to go out.
    ///
    /// - Throws: `SystemError` when `poll` fails.
    package func run(
        shouldStop: () -> Bool = { false }, onRejection: @escaping (RejectedRequest) -> Void = { _ in },
        handler: (ReceivedRequest) -> Void
    ) throws {
        rejectionHandler = onRejection
        defer { rejectionHandler = { _ in } }
        lastRequestTime = Clock.monotonicMilliseconds()
        while !shouldFinish(shouldStop) {
            try serveOnce(handler: handler)
        }
        flushAndCloseAll()
    }

    private func shouldFinish(_ shouldStop: () -> Bool) -> Bool {
        if stopRequested || shouldStop() { return true }
        if let maximum = options.maximumRequests, requestCount >= maximum { return true }
        if let idle = options.idleStopMilliseconds, Clock.monotonicMilliseconds() - lastRequestTime >= idle {
            return true
        }
        return false
    }

    /// Waits up to one tick for socket events and handles them.
    private func serveOnce(handler: (ReceivedRequest) -> Void) throws {
        let accepting = connections.count < options.maximumConnections
        var descriptors = accepting ? [pollfd(fd: socketDescriptor, events: Int16(POLLIN), revents: 0)] : []
        for connection in connections {
            descriptors.append(pollfd(fd: connection.descriptor, events: connection.pollEvents, revents: 0))
        }
        let timeout = Int32(pollTimeout())
        try System.retrying("poll") { poll(&descriptors, nfds_t(descriptors.count), timeout) }

        let connectionEvents = accepting ? Array(descriptors.dropFirst()) : descriptors
        for (connection, event) in zip(connections, connectionEvents) where event.revents != 0 {
            handleEvents(event.revents, on: connection, handler: handler)
        }
        if accepting && descriptors[0].revents & Int16(POLLIN) != 0 {
            acceptConnections()
        }
        expireDeadlines()
        connections.removeAll { $0.phase == .closed }
    }

    /// Returns the milliseconds until the next deadline, at most one tick.
    private func pollTimeout() -> Int64 {
        let now = Clock.monotonicMilliseconds()
        let nearest = connections.map(\.deadline).min().map { $0 - now } ?? tickMilliseconds
        return max(0, min(tickMilliseconds, nearest))
    }

    private func acceptConnections() {
        while connections.count < options.maximumConnections {
            guard let (descriptor, address) = ListeningSocket.accept(socketDescriptor) else { return }
            let deadline = Clock.monotonicMilliseconds() + options.requestTimeoutMilliseconds
            connections.append(Connection(descriptor: descriptor, remoteAddress: address, deadline: deadline))
        }
    }

    private func handleEvents(_ events: Int16, on connection: Connection, handler: (ReceivedRequest) -> Void) {
        if events & Int16(POLLIN | POLLHUP | POLLERR) != 0 && connection.phase != .closingAfterWrite {
            switch connection.readAvailable() {
            case .data:
                if connection.phase == .serving { processInput(of: connection, handler: handler) }
            case .wouldBlock:
                break
            case .endOfStream:
                // A client may half-close after its last request and still
                // read the response, so queued output is sent first.
                if connection.phase == .serving && !connection.output.isEmpty {
                    connection.phase = .closingAfterWrite
                } else {
                    connection.close()
                    return
                }
            case .failed:
                connection.close()
                return
            }
        }
        if events & Int16(POLLERR) != 0 && connection.phase == .closingAfterWrite {
            connection.close()
            return
        }
        if !connection.writeAvailable() {
            connection.close()
            return
        }
        connection.finishWritingIfDone(now: Clock.monotonicMilliseconds(), drainMilliseconds: drainMilliseconds)
    }

    /// Parses and responds to every complete request in the connection's input.
    private func processInput(of connection: Connection, handler: (ReceivedRequest) -> Void) {
        while connection.phase == .serving {
            if let maximum = options.maximumRequests, requestCount >= maximum { return }
            let now = Clock.monotonicMilliseconds()
            if connection.parsedHead == nil {
                do {
                    guard let head = try HTTPRequestParser.parseHead(connection.input[...], limits: options.limits) else {
                        return
                    }
                    connection.parsedHead = head
                } catch {
                    reject(connection, error, now: now)
                    return
                }
            }
            guard let parsed = connection.parsedHead else { return }
            let total = parsed.headLength + parsed.bodyLength
            guard connection.input.count >= total else {
                if parsed.head.expectsContinue && !connection.sentContinue {
                    connection.output += HTTPResponse.continueBytes
                    connection.sentContinue = true
                }
                return
            }
            let body = Array(connection.input[parsed.headLength..<total])
            connection.input.removeFirst(total)
            connection.parsedHead = nil
            connection.sentContinue = false
            answer(HTTPRequest(head: parsed.head, body: body), on: connection, handler: handler)
        }
    }

    /// Verifies a complete request, queues its response and calls the handler.
    private func answer(_ request: HTTPRequest, on connection: Connection, handler: (ReceivedRequest) -> Void) {
        let received = Clock.nowMilliseconds()
        let verification = verify(request, nowSeconds: received / 1000)
        let status = options.forcedStatus ?? (verification?.isValid == false ? 401 : 204)
        let closing = !request.head.keepsAlive
        let responseBody = status == 401 && verification != nil ? verification!.reason + "\n" : ""
        connection.output += HTTPResponse.bytes(status: status, body: responseBody, closing: closing)

        let now = Clock.monotonicMilliseconds()
        if closing {
            connection.phase = .closingAfterWrite
            connection.deadline = now + drainMilliseconds
        } else {
            connection.deadline = now + options.requestTimeoutMilliseconds
        }
        requestCount += 1
        lastRequestTime = now
        handler(ReceivedRequest(
            request: request, remoteAddress: connection.remoteAddress, receivedMilliseconds: received,
            verification: verification, responseStatus: status))
    }

    private func verify(_ request: HTTPRequest, nowSeconds: Int64) -> VerificationResult? {
        guard !options.secrets.isEmpty else { return nil }
        let head = request.head
        return WebhookSignature.verify(
            id: head.value(of: "webhook-id") ?? "",
            timestamp: head.value(of: "webhook-timestamp") ?? "",
            signatureHeader: head.value(of: "webhook-signature") ?? "",
            body: request.body, secrets: options.secrets, nowSeconds: nowSeconds,
            toleranceSeconds: options.toleranceSeconds)
    }

    /// Sends 408 to clients whose request is overdue, and closes idle or
    /// overdue connections.
    private func expireDeadlines() {
        let now = Clock.monotonicMilliseconds()
        for connection in connections where connection.phase != .closed && connection.deadline <= now {
            let partial = !connection.input.isEmpty || connection.parsedHead != nil
            if connection.phase == .serving && partial {
                let rejection = HTTPRejection(
                    status: 408, reason: "request not complete within \(options.requestTimeoutMilliseconds) ms")
                reject(connection, rejection, now: now)
                if !connection.writeAvailable() { connection.close() }
                connection.finishWritingIfDone(now: now, drainMilliseconds: drainMilliseconds)
            } else {
                connection.close()
            }
        }
    }

    /// Queues the error response, ends the connection after it, and reports
    /// the rejection.
    private func reject(_ connection: Connection, _ rejection: HTTPRejection, now: Int64) {
        connection.reject(rejection, now: now, drainMilliseconds: drainMilliseconds)
        rejectionHandler(RejectedRequest(
            remoteAddress: connection.remoteAddress, status: rejection.status, reason: rejection.reason,
            rejectedMilliseconds: Clock.nowMilliseconds()))
    }

    /// Gives queued responses up to the drain time to go out, then closes
    /// every connection.
    private func flushAndCloseAll() {
        let end = Clock.monotonicMilliseconds() + drainMilliseconds
        for connection in connections where connection.phase == .serving {
            connection.phase = .closingAfterWrite
        }
        while Clock.monotonicMilliseconds() < end {
            let pending = connections.filter { $0.phase == .closingAfterWrite && !$0.output.isEmpty }
            if pending.isEmpty { break }
            var descriptors = pending.map { pollfd(fd: $0.descriptor, events: Int16(POLLOUT), revents: 0) }
            _ = try? System.retrying("poll") { poll(&descriptors, nfds_t(descriptors.count), Int32(tickMilliseconds)) }
            for connection in pending where !connection.writeAvailable() {
                connection.close()
            }
        }
        for connection in connections { connection.close() }
        connections.removeAll()
    }
}
