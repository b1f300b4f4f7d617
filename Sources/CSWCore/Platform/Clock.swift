import CSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Wall-clock and monotonic time in the units csw stores: milliseconds.
package enum Clock {
    /// Milliseconds since the Unix epoch, from the real-time clock.
    package static func nowMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// Milliseconds from an arbitrary start that never goes backwards, for
    /// measuring durations and deadlines.
    package static func monotonicMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// Formats milliseconds since the epoch as UTC ISO 8601 with seconds,
    /// such as `2026-12-04T15:24:25Z`.
    package static func iso8601(milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var text: [UInt8] = []
        text.reserveCapacity(20)
        func digits(_ value: Int32, count: Int) {
            var divisor: Int32 = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8((value / divisor) % 10))
                divisor /= 10
            }
        }
        digits(parts.tm_year + 1900, count: 4)
        text.append(UInt8(ascii: "-"))
        digits(parts.tm_mon + 1, count: 2)
        text.append(UInt8(ascii: "-"))
        digits(parts.tm_mday, count: 2)
        text.append(UInt8(ascii: "T"))
        digits(parts.tm_hour, count: 2)
        text.append(UInt8(ascii: ":"))
        digits(parts.tm_min, count: 2)
        text.append(UInt8(ascii: ":"))
        digits(parts.tm_sec, count: 2)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// Parses an HTTP date (RFC 9110 IMF-fixdate, `Wed, 21 Oct 2026 07:28:00 GMT`)
    /// into seconds since the epoch, or nil when it is not one.
    package static func parseHTTPDate(_ text: String) -> Int64? {
        var parts = tm()
        let end = text.withCString { csw_strptime($0, "%a, %d %b %Y %H:%M:%S GMT", &parts) }
        guard let end, end.pointee == 0 else { return nil }
        return Int64(timegm(&parts))
    }
}

extension Clock {
    /// Parses the UTC form `iso8601(milliseconds:)` writes back into
    /// milliseconds since the epoch, or nil when it is not that form.
    package static func parseISO8601(_ text: String) -> Int64? {
        var parts = tm()
        let end = text.withCString { csw_strptime($0, "%Y-%m-%dT%H:%M:%SZ", &parts) }
        guard let end, end.pointee == 0 else { return nil }
        return Int64(timegm(&parts)) * 1000
    }
}
