/// Durations as users type them: `500ms`, `10s`, `2m`, `1h30m`, `2d`.
package enum DurationText {
    /// Parses a duration into milliseconds. A bare number is seconds.
    ///
    /// - Throws: `InvalidValue` naming the text and the accepted forms.
    package static func milliseconds(_ text: String) throws -> Int64 {
        let invalid = InvalidValue("invalid duration '\(WebhookURL.printable(text))': write it like 500ms, 10s, 2m, 1h30m or 2d")
        if let seconds = Int64(text), seconds >= 0 { return seconds * 1000 }
        var total: Int64 = 0
        var number: Int64? = nil
        var scalars = Array(text.unicodeScalars)[...]
        guard !scalars.isEmpty else { throw invalid }
        while let scalar = scalars.first {
            if let digit = Int64(String(scalar)), scalar.isASCII {
                let (product, overflow) = (number ?? 0).multipliedReportingOverflow(by: 10)
                guard !overflow, product < Int64.max / 1_000_000_000 else { throw invalid }
                number = product + digit
                scalars = scalars.dropFirst()
                continue
            }
            guard let value = number else { throw invalid }
            let unit: Int64
            if scalars.starts(with: "ms".unicodeScalars) {
                unit = 1
                scalars = scalars.dropFirst(2)
            } else {
                switch scalar {
                case "s": unit = 1000
                case "m": unit = 60_000
                case "h": unit = 3_600_000
                case "d": unit = 86_400_000
                default: throw invalid
                }
                scalars = scalars.dropFirst()
            }
            total += value * unit
            number = nil
        }
        guard number == nil else { throw invalid }
        // Ten years is past any timeout, grace period or schedule csw uses.
        guard total <= 10 * 365 * 86_400_000 else {
            throw InvalidValue("duration '\(text)' is longer than ten years; give a shorter one")
        }
        return total
    }

    /// Formats milliseconds the short way: `850ms`, `12s`, `5m`, `2h`, `1d3h`.
    package static func format(milliseconds: Int64) -> String {
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        var seconds = milliseconds / 1000
        if seconds < 60 { return "\(seconds)s" }
        var result = ""
        for (unit, size) in [("d", Int64(86400)), ("h", 3600), ("m", 60), ("s", 1)] where seconds >= size {
            result += "\(seconds / size)\(unit)"
            seconds %= size
        }
        return result
    }
}
