/// The IPv4 text forms that `inet_aton` and URL parsers accept: one to four
/// dot-separated parts, each decimal, octal (leading `0`) or hexadecimal
/// (leading `0x`), with the last part filling the remaining bytes. So
/// `127.1`, `0x7f.1`, `2130706433` and `017700000001` all mean 127.0.0.1.
enum IPv4Literal {
    /// Parses `text` into 4 bytes, or returns nil when it is not such a literal.
    static func parse(_ text: String) -> [UInt8]? {
        var parts = text.split(separator: ".", omittingEmptySubsequences: false)
        // A fully qualified name may end in a dot, and "127.0.0.1." still
        // resolves to 127.0.0.1.
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            guard let value = number(part) else { return nil }
            values.append(value)
        }
        return pack(values)
    }

    private static func number(_ part: Substring) -> UInt64? {
        if part.isEmpty { return nil }
        var digits = part
        var radix = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            digits = digits.dropFirst(2)
            radix = 16
            if digits.isEmpty { return 0 }
        } else if digits.count > 1 && digits.hasPrefix("0") {
            digits = digits.dropFirst()
            radix = 8
        }
        // UInt64(_:radix:) would accept a leading sign. Parts longer than
        // 32 digits exceed any 32-bit value and could overflow UInt64.
        guard digits.count <= 32, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        return UInt64(digits, radix: radix)
    }

    private static func pack(_ values: [UInt64]) -> [UInt8]? {
        let leading = values.dropLast()
        guard leading.allSatisfy({ $0 <= 255 }) else { return nil }
        let lastBytes = 4 - leading.count
        guard let last = values.last, last < (UInt64(1) << (8 * lastBytes)) else { return nil }
        var bytes = leading.map { UInt8($0) }
        for shift in stride(from: 8 * (lastBytes - 1), through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: last >> UInt64(shift)))
        }
        return bytes
    }
}
