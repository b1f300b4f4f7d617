import CSWCore

/// The loopback address the listener binds. Only loopback is offered,
/// so a test receiver is never reachable from other machines.
package enum LoopbackAddress: String, Equatable, Sendable {
    /// 127.0.0.1
    case ipv4 = "127.0.0.1"
    /// ::1
    case ipv6 = "::1"

    /// Parses `127.0.0.1`, `localhost` or `::1` (brackets allowed).
    ///
    /// - Throws: `InvalidValue` for any other host, such as `0.0.0.0`.
    package static func parse(_ text: String) throws(InvalidValue) -> LoopbackAddress {
        switch text.lowercased() {
        case "127.0.0.1", "localhost": return .ipv4
        case "::1", "[::1]": return .ipv6
        default:
            throw InvalidValue("invalid listen host \"\(text)\": the listener binds only to loopback, 127.0.0.1 or ::1")
        }
    }
}

/// Settings of a `Listener`: address, verification, response status, limits and stop conditions.
package struct ListenerOptions: Sendable {
    package var host: LoopbackAddress = .ipv4
    /// The TCP port, or 0 for any free port (see `Listener.port`).
    package var port: UInt16 = 0
    /// Secrets to verify `webhook-signature` with. When empty, requests are
    /// not verified and `ReceivedRequest.verification` is nil.
    package var secrets: [WebhookSecret] = []
    /// The allowed clock difference for `webhook-timestamp`, in seconds.
    package var toleranceSeconds: Int64 = 300
    /// The status for every complete request. When nil, the listener
    /// responds 204 No Content, or 401 Unauthorized when verification fails.
    package var forcedStatus: Int? = nil
    /// Stop after this many complete requests, or never when nil.
    package var maximumRequests: Int? = nil
    /// Stop when no request has completed for this many milliseconds since
    /// the start or the last request, or never when nil.
    package var idleStopMilliseconds: Int64? = nil
    /// The time a client has to send one complete request (head and body)
    /// from the moment the connection is accepted or the previous response
    /// was queued. A connection idle that long is closed, with 408 Request
    /// Timeout if part of a request had arrived.
    package var requestTimeoutMilliseconds: Int64 = 10_000
    package var limits = HTTPLimits()
    /// The maximum number of connections served at once. Further clients
    /// wait in the kernel's accept queue.
    package var maximumConnections = 64

    package init() {}
}
