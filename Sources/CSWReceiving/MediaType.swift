/// A media type from a `Content-Type` header, such as
/// `application/json; charset=UTF-8` (RFC 9110 section 8.3.1).
package struct MediaType: Equatable, Sendable {
    /// The type, lower-cased, such as `application`.
    package let type: String
    /// The subtype, lower-cased, such as `json`.
    package let subtype: String
    /// Parameters in order, names lower-cased, values unquoted with case kept.
    package let parameters: [(name: String, value: String)]

    /// Parses a header value, returning nil when it is not `type/subtype`
    /// followed by `;`-separated `name=value` parameters.
    package init?(parsing text: String) {
        let parts = MediaType.splitParameters(text)
        guard let essence = parts.first else { return nil }
        let halves = essence.trimmingSpaces().split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, halves.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isHTTPTokenCharacter) }) else {
            return nil
        }
        var parameters: [(name: String, value: String)] = []
        for part in parts.dropFirst() {
            let trimmed = part.trimmingSpaces()
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else { return nil }
            let name = trimmed[..<equals]
            guard !name.isEmpty, name.allSatisfy(\.isHTTPTokenCharacter) else { return nil }
            guard let value = MediaType.unquote(trimmed[trimmed.index(after: equals)...]) else { return nil }
            parameters.append((name.lowercased(), value))
        }
        self.type = halves[0].lowercased()
        self.subtype = halves[1].lowercased()
        self.parameters = parameters
    }

    /// `type/subtype` in lower case, without parameters.
    package var essence: String { "\(type)/\(subtype)" }

    /// Whether the body is JSON: `application/json` or a `+json` subtype.
    package var isJSON: Bool {
        type == "application" && (subtype == "json" || subtype.hasSuffix("+json"))
    }

    /// Returns the value of a parameter, the name compared without regard to case.
    package func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name.lowercased() }?.value
    }

    package static func == (left: MediaType, right: MediaType) -> Bool {
        left.essence == right.essence && left.parameters.elementsEqual(right.parameters) { $0 == $1 }
    }

    /// Splits at semicolons outside quoted strings.
    private static func splitParameters(_ text: String) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        var quoted = false
        while index < text.endIndex {
            let character = text[index]
            if quoted && character == "\\" {
                index = text.index(after: index)
                if index == text.endIndex { break }
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                parts.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        parts.append(text[start...])
        return parts
    }

    /// Returns a token as is, or the content of a quoted string with its
    /// backslash escapes removed; nil for anything else.
    private static func unquote(_ text: Substring) -> String? {
        guard text.first == "\"" else {
            return !text.isEmpty && text.allSatisfy(\.isHTTPTokenCharacter) ? String(text) : nil
        }
        guard text.count >= 2, text.last == "\"" else { return nil }
        var value = ""
        var escaping = false
        for character in text.dropFirst().dropLast() {
            if escaping {
                value.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "\"" {
                return nil
            } else {
                value.append(character)
            }
        }
        return escaping ? nil : value
    }
}

extension Character {
    /// Whether the character may appear in an HTTP token (RFC 9110 section 5.6.2).
    var isHTTPTokenCharacter: Bool {
        guard let ascii = asciiValue, ascii > 0x20, ascii < 0x7F else { return false }
        return !"\"(),/:;<=>?@[\\]{}".contains(self)
    }
}
