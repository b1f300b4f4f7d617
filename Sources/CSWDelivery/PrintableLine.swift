/// Turns text from a server (a response body, a reason phrase, a header
/// value) into one line that is safe to print on a terminal.
enum PrintableLine {
    /// Returns up to `limit` characters of `text` and "…" when it was cut.
    /// Each run of white space, control characters (C0 and C1, so also the
    /// ESC of an escape sequence) and format characters such as bidi
    /// overrides becomes one space.
    static func make(_ text: String, limit: Int = Int.max) -> String {
        var characters: [Character] = []
        var lastWasSpace = true
        for character in text {
            if isBlank(character) {
                if !lastWasSpace { characters.append(" ") }
                lastWasSpace = true
                continue
            }
            if characters.count >= limit {
                return String(characters).trimmingSpaces + "…"
            }
            characters.append(character)
            lastWasSpace = false
        }
        return String(characters).trimmingSpaces
    }

    /// Decodes the start of a response body as UTF-8, replacing invalid
    /// bytes, and makes it one line.
    static func make(_ body: [UInt8], limit: Int) -> String {
        make(String(decoding: body, as: UTF8.self), limit: limit)
    }

    private static func isBlank(_ character: Character) -> Bool {
        if character.isWhitespace { return true }
        return character.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format: return true
            default: return false
            }
        }
    }
}
