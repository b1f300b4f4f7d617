/// The two bits of JSON the listener writes and reads without a full JSON
/// library: quoting strings, and finding one top-level string member.
enum JSONText {
    /// Returns the text as a JSON string literal (RFC 8259 section 7), with
    /// control characters escaped and everything else kept as UTF-8.
    static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}

/// Reads one string member of a top-level JSON object without building
/// the whole document.
enum JSONPeek {
    /// Returns the string value of `key` in the top-level object of `bytes`,
    /// or nil when the body is not an object, lacks the key, or the value is
    /// not a string.
    static func topLevelString(_ key: String, in bytes: [UInt8]) -> String? {
        var scanner = Scanner(bytes: bytes)
        scanner.skipWhitespace()
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        while true {
            scanner.skipWhitespace()
            guard let name = scanner.readString() else { return nil }
            scanner.skipWhitespace()
            guard scanner.consume(UInt8(ascii: ":")) else { return nil }
            scanner.skipWhitespace()
            if name == key {
                return scanner.peek == UInt8(ascii: "\"") ? scanner.readString() : nil
            }
            guard scanner.skipValue() else { return nil }
            scanner.skipWhitespace()
            guard scanner.consume(UInt8(ascii: ",")) else { return nil }
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        mutating func skipWhitespace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            }
        }

        /// Reads a string literal and decodes its escapes.
        mutating func readString() -> String? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll()
            }
            while let byte = peek {
                index += 1
                if byte == UInt8(ascii: "\"") {
                    flush()
                    return String(scalars)
                }
                if byte != UInt8(ascii: "\\") {
                    raw.append(byte)
                    continue
                }
                flush()
                guard let scalar = readEscape() else { return nil }
                scalars.append(scalar)
            }
            return nil
        }

        private mutating func readEscape() -> Unicode.Scalar? {
            guard let byte = peek else { return nil }
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"): return readUnicodeEscape()
            default: return nil
            }
        }

        /// Reads the four hex digits after `\u`, and a low surrogate escape
        /// after a high one. A lone surrogate becomes U+FFFD.
        private mutating func readUnicodeEscape() -> Unicode.Scalar? {
            guard let high = readHex4() else { return nil }
            if (0xD800...0xDBFF).contains(high) {
                let save = index
                if consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")), let low = readHex4(),
                    (0xDC00...0xDFFF).contains(low)
                {
                    return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                }
                index = save
                return "\u{FFFD}"
            }
            return Unicode.Scalar(high) ?? "\u{FFFD}"
        }

        private mutating func readHex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            let text = String(decoding: bytes[index..<index + 4], as: UTF8.self)
            guard let value = UInt32(text, radix: 16), text.allSatisfy(\.isHexDigit) else { return nil }
            index += 4
            return value
        }

        /// Skips one value of any kind, tracking nesting and strings.
        mutating func skipValue() -> Bool {
            guard let first = peek else { return false }
            if first == UInt8(ascii: "\"") { return readString() != nil }
            guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
                while let byte = peek, byte != UInt8(ascii: ","), byte != UInt8(ascii: "}") { index += 1 }
                return true
            }
            var depth = 0
            while let byte = peek {
                switch byte {
                case UInt8(ascii: "\""):
                    guard readString() != nil else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                default:
                    break
                }
                index += 1
                if depth == 0 { return true }
            }
            return false
        }
    }
}
