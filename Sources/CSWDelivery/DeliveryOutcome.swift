/// The end state of one delivery attempt. The raw values are the words csw
/// stores and prints.
package enum DeliveryOutcome: String, CaseIterable, Sendable {
    /// The receiver responded with a 2xx status. The response body may have
    /// been cut off, and then the result's reason mentions it.
    case delivered
    /// The receiver responded with a 4xx or 5xx status other than 410 and 429.
    /// Only 5xx and 408 are retried.
    case httpError = "http_error"
    /// The receiver responded with a 3xx status. csw never follows redirects,
    /// so the subscription's URL has to be updated to the `Location`.
    case redirect
    /// The connection was made, but no complete response arrived within the
    /// total timeout.
    case timeout
    /// Neither the TCP connection nor the TLS handshake finished within the
    /// connect timeout.
    case connectTimeout = "connect_timeout"
    /// The connection could not be made, for example because it was refused
    /// or the network is unreachable.
    case connectFailed = "connect_failed"
    /// The connection was made, but it broke before a response status
    /// arrived: reset, closed without a reply, or a reply that is not HTTP.
    case connectionError = "connection_error"
    /// The host name could not be resolved.
    case dnsFailed = "dns_failed"
    /// The TLS handshake failed, for example on an untrusted or expired
    /// certificate or a host name mismatch.
    case tlsFailed = "tls_failed"
    /// The address guard refused the address the host resolved to, because
    /// it is not public and the subscription does not allow private networks.
    case blocked
    /// The receiver responded 410 Gone: the endpoint no longer exists.
    case gone
    /// The receiver responded 429 Too Many Requests.
    case rateLimited = "rate_limited"
    /// The request could not be sent as given: an invalid or unsupported
    /// URL, or a header with a control character. Nothing was sent.
    case invalidRequest = "invalid_request"
}
