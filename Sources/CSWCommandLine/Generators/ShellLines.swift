/// Long shell commands broken into lines for the page.
enum ShellLines {
    /// Breaks a command at spaces outside quotes into lines of about
    /// `width` characters, each but the last ended with ` \` and the later
    /// ones indented, so that the lines still paste as one command. An
    /// option stays on the line of the value after it.
    static func wrap(_ command: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in units(words(command)) {
            let indent = lines.isEmpty ? "" : "    "
            if !current.isEmpty, indent.count + current.count + 1 + word.count > width {
                lines.append(indent + current + " \\")
                current = word
            } else {
                current += current.isEmpty ? word : " " + word
            }
        }
        lines.append((lines.isEmpty ? "" : "    ") + current)
        return lines
    }

    /// Joins words into the pieces that a line break may not split: an
    /// option and the value that follows it.
    private static func units(_ words: [String]) -> [String] {
        var units: [String] = []
        for word in words {
            if let last = units.last, last.hasPrefix("-"), !last.contains(" "), !word.hasPrefix("-") {
                units[units.count - 1] = last + " " + word
            } else {
                units.append(word)
            }
        }
        return units
    }

    /// Splits the command at spaces outside quotes, keeping the quotes.
    private static func words(_ command: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character? = nil
        for character in command {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == " " {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
