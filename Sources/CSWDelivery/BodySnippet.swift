/// Renders the start of a response body as one printable line for a reason.
enum BodySnippet {
    /// Up to `limit` characters of `body` decoded as UTF-8, with control
    /// characters and runs of white space turned into single spaces, and "…"
    /// when it was cut.
    static func text(_ body: [UInt8], limit: Int) -> String {
        var characters: [Character] = []
        var lastWasSpace = true
        for character in String(decoding: body, as: UTF8.self) {
            let isSpace = character.isWhitespace || character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
            if isSpace {
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
}
