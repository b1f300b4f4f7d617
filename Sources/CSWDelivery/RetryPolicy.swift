import CSWCore

/// Delays between delivery attempts.
package enum RetryPolicy {
    /// The delay before retry number `attempt` (1 for the first retry), in
    /// milliseconds: exponential backoff with "equal jitter". The ceiling
    /// doubles with each attempt up to `capMilliseconds`, and the delay is
    /// half the ceiling plus a random share of the other half. So retries
    /// spread out without ever coming back at once.
    package static func backoffMilliseconds(
        attempt: Int, baseMilliseconds: Int = 1000, capMilliseconds: Int = 60_000
    ) -> Int {
        let doublings = min(max(attempt - 1, 0), 30)
        let ceiling = min(capMilliseconds, baseMilliseconds.multipliedReportingOverflow(by: 1 << doublings).partialValue)
        guard ceiling > 1 else { return max(ceiling, 0) }
        let half = ceiling / 2
        return half + Int(randomUInt64() % UInt64(ceiling - half + 1))
    }

    /// Parses a `Retry-After` value into seconds from now, or returns nil
    /// when it is neither delta-seconds (`120`) nor an HTTP date. A date in
    /// the past gives 0, and any delay is capped at `maxRetryAfterSeconds`.
    ///
    /// - Parameter nowSeconds: the current time in seconds since the epoch,
    ///   which an HTTP date is measured against.
    package static func parseRetryAfter(_ value: String, nowSeconds: Int64) -> Int? {
        let trimmed = value.trimmingSpaces
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            // Too many digits for Int means a delay past the cap anyway.
            return min(Int(trimmed) ?? maxRetryAfterSeconds, maxRetryAfterSeconds)
        }
        guard let date = Clock.parseHTTPDate(trimmed) else { return nil }
        return Int(min(max(0, date - nowSeconds), Int64(maxRetryAfterSeconds)))
    }

    /// The largest delay `parseRetryAfter` returns: 10^9 seconds, about 31
    /// years, so callers can turn it into milliseconds without overflow.
    package static let maxRetryAfterSeconds = 1_000_000_000

    private static func randomUInt64() -> UInt64 {
        System.randomBytes(count: 8).reduce(0) { ($0 << 8) | UInt64($1) }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
