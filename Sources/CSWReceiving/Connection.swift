#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CSWCore

/// One accepted client socket and its buffered input and output.
final class Connection {
    /// The phases a connection goes through, in order.
    enum Phase {
        /// Reading requests and queueing responses.
        case serving
        /// Sending the last queued bytes before closing.
        case closingAfterWrite
        /// Output sent and the write side shut down. Reading and discarding
        /// what the client still sends, so that closing does not reset the
        /// connection before the client has read the response.
        case draining
        case closed
    }

    let descriptor: Int32
    /// The client's address and port, such as `127.0.0.1:53122`.
    let remoteAddress: String
    var phase = Phase.serving
    var input: [UInt8] = []
    var output: [UInt8] = []
    var parsedHead: ParsedHead?
    var sentContinue = false
    /// The monotonic time, in milliseconds, by which the current phase must end.
    var deadline: Int64

    init(descriptor: Int32, remoteAddress: String, deadline: Int64) {
        self.descriptor = descriptor
        self.remoteAddress = remoteAddress
        self.deadline = deadline
    }

    /// The maximum queued output in bytes before the connection stops
    /// reading, so a client that sends requests without reading responses
    /// cannot make the output grow without bound.
    static let maximumQueuedOutput = 65536

    /// The poll events this connection waits for.
    var pollEvents: Int16 {
        switch phase {
        case .serving:
            let reading = output.count < Connection.maximumQueuedOutput ? Int16(POLLIN) : 0
            return reading | (output.isEmpty ? 0 : Int16(POLLOUT))
        case .closingAfterWrite: return Int16(POLLOUT)
        case .draining: return Int16(POLLIN)
        case .closed: return 0
        }
    }

    /// The outcome of one read.
    enum ReadResult {
        case data
        case wouldBlock
        case endOfStream
        case failed
    }

    /// Reads what is available, appending it to `input` unless draining.
    func readAvailable() -> ReadResult {
        var chunk = [UInt8](repeating: 0, count: 65536)
        do {
            let count = try chunk.withUnsafeMutableBytes { buffer in
                try System.retrying("read", subject: remoteAddress) {
                    recv(descriptor, buffer.baseAddress, buffer.count, 0)
                }
            }
            if count == 0 { return .endOfStream }
            if phase != .draining { input.append(contentsOf: chunk[0..<count]) }
            return .data
        } catch let error as SystemError where error.code == EAGAIN || error.code == EWOULDBLOCK {
            return .wouldBlock
        } catch {
            return .failed
        }
    }

    /// Sends as much queued output as the socket takes. Returns false when
    /// the send failed, such as after the client reset the connection.
    func writeAvailable() -> Bool {
        while !output.isEmpty {
            do {
                let sent = try output.withUnsafeBytes { buffer in
                    try System.retrying("send", subject: remoteAddress) {
                        send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
                    }
                }
                output.removeFirst(sent)
            } catch let error as SystemError where error.code == EAGAIN || error.code == EWOULDBLOCK {
                return true
            } catch {
                return false
            }
        }
        return true
    }

    /// Queues a final response and stops reading requests.
    func reject(_ rejection: HTTPRejection, now: Int64, drainMilliseconds: Int64) {
        output += HTTPResponse.bytes(status: rejection.status, body: rejection.reason + "\n", closing: true)
        input.removeAll()
        parsedHead = nil
        phase = .closingAfterWrite
        deadline = now + drainMilliseconds
    }

    /// Moves on once output is sent: shuts down the write side and drains.
    func finishWritingIfDone(now: Int64, drainMilliseconds: Int64) {
        guard phase == .closingAfterWrite, output.isEmpty else { return }
        shutdown(descriptor, Int32(SHUT_WR))
        phase = .draining
        deadline = min(deadline, now + drainMilliseconds)
    }

    func close() {
        guard phase != .closed else { return }
        Glibc.close(descriptor)
        phase = .closed
    }
}
