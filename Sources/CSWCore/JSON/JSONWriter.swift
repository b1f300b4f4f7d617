extension JSONValue {
    /// The value as compact JSON text, members in order, no spaces.
    package func serialized() -> String {
        var output = ""
        write(to: &output, indent: nil, depth: 0)
        return output
    }

    /// The value as indented JSON text (two spaces), for people and files.
    package func prettyPrinted() -> String {
        var output = ""
        write(to: &output, indent: "  ", depth: 0)
        return output
    }

    private func write(to output: inout String, indent: String?, depth: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): JSONValue.writeString(text, to: &output)
        case .array(let elements):
            writeContainer(elements.map { (nil, $0) }, open: "[", close: "]", to: &output, indent: indent, depth: depth)
        case .object(let members):
            writeContainer(members.map { (Optional($0.0), $0.1) }, open: "{", close: "}", to: &output, indent: indent, depth: depth)
        }
    }

    private func writeContainer(
        _ items: [(String?, JSONValue)], open: String, close: String, to output: inout String, indent: String?, depth: Int
    ) {
        output += open
        if items.isEmpty {
            output += close
            return
        }
        for (offset, (name, value)) in items.enumerated() {
            if offset > 0 { output += "," }
            if let indent { output += "\n" + String(repeating: indent, count: depth + 1) }
            if let name {
                JSONValue.writeString(name, to: &output)
                output += indent == nil ? ":" : ": "
            }
            value.write(to: &output, indent: indent, depth: depth + 1)
        }
        if let indent { output += "\n" + String(repeating: indent, count: depth) }
        output += close
    }

    /// Appends a string literal: quotes, backslashes and control characters
    /// escaped, everything else as UTF-8.
    package static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// A string as a JSON literal.
    package static func quoted(_ text: String) -> String {
        var output = ""
        writeString(text, to: &output)
        return output
    }
}
