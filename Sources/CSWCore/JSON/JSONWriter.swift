extension JSONValue {
    /// The value as compact JSON text, members in order, no spaces.
    package func serialized() -> String {
        var output: [UInt8] = []
        write(to: &output, indent: nil, depth: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// The value as indented JSON text (two spaces), for people and files.
    package func prettyPrinted() -> String {
        var output: [UInt8] = []
        write(to: &output, indent: 2, depth: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the value as JSON text to a byte buffer, indented by `indent`
    /// spaces a level (compact when nil), starting at nesting `depth`.
    package func write(to output: inout [UInt8], indent: Int?, depth: Int) {
        switch self {
        case .null: output += "null".utf8
        case .bool(let value): output += (value ? "true" : "false").utf8
        case .number(let text): output += text.utf8
        case .string(let text): JSONValue.writeString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.newline(&output, indent: indent, depth: depth + 1)
                element.write(to: &output, indent: indent, depth: depth + 1)
            }
            if !elements.isEmpty { JSONValue.newline(&output, indent: indent, depth: depth) }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (offset, (name, value)) in members.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.newline(&output, indent: indent, depth: depth + 1)
                JSONValue.writeString(name, to: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(UInt8(ascii: " ")) }
                value.write(to: &output, indent: indent, depth: depth + 1)
            }
            if !members.isEmpty { JSONValue.newline(&output, indent: indent, depth: depth) }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ output: inout [UInt8], indent: Int?, depth: Int) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * depth))
    }

    /// Appends a string literal: quotes, backslashes and control characters
    /// escaped, and U+2028 and U+2029 too, since JavaScript treats them as
    /// line ends. Everything else is copied as UTF-8, in runs.
    package static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // Most bytes need no escape: printable ASCII other than the
                // quote and backslash, and UTF-8 bytes other than 0xE2.
                if byte >= 0x20 && byte != 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != 0xE2 {
                    index += 1
                    continue
                }
                let escape: [UInt8]?
                switch byte {
                case UInt8(ascii: "\""): escape = Array("\\\"".utf8)
                case UInt8(ascii: "\\"): escape = Array("\\\\".utf8)
                case UInt8(ascii: "\n"): escape = Array("\\n".utf8)
                case UInt8(ascii: "\r"): escape = Array("\\r".utf8)
                case UInt8(ascii: "\t"): escape = Array("\\t".utf8)
                case 0..<0x20, 0x7F: escape = unicodeEscape(UInt32(byte))
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape = unicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                default: escape = nil
                }
                guard let escape else {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.append(contentsOf: escape)
                index += byte == 0xE2 ? 3 : 1
                runStart = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ value: UInt32) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return Array("\\u".utf8) + [12, 8, 4, 0].map { digits[Int((value >> $0) & 0xF)] }
    }

    /// A string as a JSON literal.
    package static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        writeString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
