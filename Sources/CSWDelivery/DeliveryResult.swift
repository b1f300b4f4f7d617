import CSWCore

/// The result of one delivery attempt.
package struct DeliveryResult {
    /// The `tag` of the request this result is for.
    package var tag: Int
    package var outcome: DeliveryOutcome
    /// The final HTTP status, when one arrived.
    package var statusCode: Int?
    /// One plain line that describes what happened, such as `HTTP 404 Not Found:
    /// no such hook` or `connect timed out after 5 s`. It names no
    /// subscription, so the caller can add the id.
    package var reason: String
    /// The time from the start of the request to its end, in milliseconds.
    package var durationMilliseconds: Int
    /// The first `SenderOptions.responseBodyLimit` bytes of the response body.
    package var responseBody: [UInt8]
    /// Whether the response body went on past `responseBody`, or was cut
    /// off by the timeout or a broken connection.
    package var bodyTruncated: Bool
    /// The absolute redirect target for a 3xx response.
    package var location: String?
    /// The `Retry-After` delay in seconds, from either delta-seconds or an
    /// HTTP date, when the response had a valid one.
    package var retryAfterSeconds: Int?
    /// The address the guard refused, for a `blocked` outcome.
    package var blockedAddress: IPAddress?
    /// The IP address connected to, when a connection was made.
    package var remoteAddress: String?
    /// Things the caller may want to show, such as an ignored invalid
    /// `Retry-After` header.
    package var warnings: [String]

    /// Whether the receiver accepted the webhook.
    package var isSuccess: Bool { outcome == .delivered }

    /// Whether trying again later might succeed: network failures, timeouts,
    /// 5xx, 408 and 429. Not other 4xx, redirects, 410, blocked addresses,
    /// TLS failures or invalid requests, which need a change first.
    package var isRetryable: Bool {
        switch outcome {
        case .timeout, .connectTimeout, .connectFailed, .connectionError, .dnsFailed, .rateLimited:
            return true
        case .httpError:
            guard let statusCode else { return false }
            return statusCode >= 500 || statusCode == 408
        case .delivered, .redirect, .tlsFailed, .blocked, .gone, .invalidRequest:
            return false
        }
    }

    package init(tag: Int, outcome: DeliveryOutcome, reason: String) {
        self.tag = tag
        self.outcome = outcome
        self.statusCode = nil
        self.reason = reason
        self.durationMilliseconds = 0
        self.responseBody = []
        self.bodyTruncated = false
        self.location = nil
        self.retryAfterSeconds = nil
        self.blockedAddress = nil
        self.remoteAddress = nil
        self.warnings = []
    }
}
