/// Roff source for a page in the man(7) macros, built line by line.
///
/// Text is escaped on the way in. Backslashes become `\e`, characters
/// outside ASCII become `\[uXXXX]`, and hyphens that a user types (in
/// options and code) become `\-`. A line that would start with `.` or `'`
/// gets `\&` first, so that roff does not read it as a request. Filled text is written
/// one sentence a line and wrapped at 80 bytes, as `mandoc -T lint` asks.
package struct RoffWriter {
    package private(set) var lines: [String] = []

    package init() {}

    /// The page source, each line ended by a newline.
    package var source: String { lines.map { $0 + "\n" }.joined() }

    /// Writes a macro line such as `.SH NAME`, each argument quoted when needed.
    package mutating func macro(_ name: String, _ arguments: String...) {
        lines.append(([".\(name)"] + arguments.map(Roff.argument)).joined(separator: " "))
    }

    /// Starts a new paragraph, unless a heading or a paragraph has just
    /// started one (mandoc reports a `.PP` there as useless).
    package mutating func paragraph() {
        if let last = lines.last, last.hasPrefix(".SH") || last.hasPrefix(".SS") || last == ".PP" { return }
        macro("PP")
    }

    /// Filled text written with the inline markup of `Roff.markup`.
    package mutating func text(markup: String) {
        add(sentences: Roff.sentences(markup).map(Roff.markup))
    }

    /// Filled text from the command table, with no markup: options in it,
    /// such as `--yes`, are set in bold with literal hyphens.
    package mutating func text(plain: String) {
        add(sentences: Roff.sentences(plain).map(Roff.plain))
    }

    /// Filled text that is already roff, such as a synopsis built from
    /// escaped parts, wrapped like other text.
    package mutating func text(formatted: String) {
        add(sentences: [formatted])
    }

    /// A line that is already roff, such as the tag of a `.TP` paragraph,
    /// which must stay on one line.
    package mutating func raw(_ line: String) {
        lines.append(Roff.protectingStart(line))
    }

    /// Lines shown as they are, in a fixed-width example block.
    package mutating func example(_ literal: [String]) {
        macro("EX")
        for line in literal { lines.append(Roff.protectingStart(Roff.code(line))) }
        macro("EE")
    }

    private mutating func add(sentences: [String]) {
        for sentence in sentences {
            for line in Roff.wrap(sentence, width: 80) { lines.append(Roff.protectingStart(line)) }
        }
    }
}

/// Escaping and inline formatting for roff text.
package enum Roff {
    /// Text set in bold, as written: options, commands, file names.
    package static func bold(_ text: String) -> String { "\\fB" + code(text) + "\\fR" }

    /// A placeholder set in italics, such as `URL`.
    package static func italic(_ text: String) -> String { "\\fI" + code(text) + "\\fR" }

    /// Escapes text that a user types, every hyphen a literal `\-`.
    package static func code(_ text: String) -> String {
        escape(text, hyphen: "\\-")
    }

    /// Escapes prose, where a hyphen joins words.
    package static func prose(_ text: String) -> String {
        escape(text, hyphen: "-")
    }

    private static func escape(_ text: String, hyphen: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\e"
            case "-": result += hyphen
            case "\t": result += " "
            case _ where scalar.value > 0x7E || scalar.value < 0x20:
                result += "\\[u" + hex4(scalar.value) + "]"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Formats the markup of hand-written text: `` `code` `` in bold with
    /// literal hyphens, `{PLACEHOLDER}` in italics, the rest as `plain`.
    package static func markup(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.firstIndex(where: { $0 == "`" || $0 == "{" }) {
            let close: Character = rest[start] == "`" ? "`" : "}"
            let afterStart = rest.index(after: start)
            guard let end = rest[afterStart...].firstIndex(of: close) else { break }
            result += plain(String(rest[..<start]))
            let inner = String(rest[afterStart..<end])
            result += close == "`" ? bold(inner) : italic(inner)
            rest = rest[rest.index(after: end)...]
        }
        return result + plain(String(rest))
    }

    /// Formats table text: words that are options (`--yes`, `-e`) in bold,
    /// other words that start with a hyphen (`'-'`) with literal hyphens.
    package static func plain(_ text: String) -> String {
        var words: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            words.append(formatWord(String(word)))
        }
        return words.joined(separator: " ")
    }

    private static func formatWord(_ word: String) -> String {
        let opening = word.prefix { "('\"".contains($0) }
        let core = word.dropFirst(opening.count)
        guard core.hasPrefix("-") else { return prose(word) }
        var name = core.prefix { $0 == "-" || $0.isLetter || $0.isNumber }
        while name.hasSuffix("-") && name.count > 2 { name = name.dropLast() }
        let closing = core.dropFirst(name.count)
        let isOption = name.count >= 2 && name.dropFirst(name.hasPrefix("--") ? 2 : 1).first?.isLetter == true
        return prose(String(opening)) + (isOption ? bold(String(name)) : code(String(name))) + prose(String(closing))
    }

    /// Splits text into sentences: after `.`, `?` or `!` followed by a space,
    /// except after the abbreviations `e.g.` and `i.e.`. Roff puts sentence
    /// spacing only where an input line ends a sentence.
    package static func sentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            current.append(character)
            let ends = ".?!".contains(character) && index + 2 < characters.count && characters[index + 1] == " "
            if ends, characters[index + 2] != " ", !current.hasSuffix("e.g."), !current.hasSuffix("i.e.") {
                sentences.append(current)
                current = ""
                index += 2
                continue
            }
            index += 1
        }
        if !current.isEmpty { sentences.append(current) }
        return sentences
    }

    /// Breaks a formatted line at spaces into lines of at most `width` bytes,
    /// except where one word is longer.
    package static func wrap(_ line: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in line.split(separator: " ") {
            if !current.isEmpty, current.utf8.count + 1 + word.utf8.count > width {
                lines.append(current)
                current = ""
            }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Puts `\&` before a line that would otherwise start with a control
    /// character (`.` or `'`) or a space, which would break the line.
    package static func protectingStart(_ line: String) -> String {
        guard let first = line.first, first == "." || first == "'" || first == " " else { return line }
        return "\\&" + line
    }

    /// Quotes a macro argument: as it is when it has no space or quote,
    /// else in double quotes with each `"` written as `\(dq`.
    package static func argument(_ text: String) -> String {
        if !text.isEmpty && !text.contains(" ") && !text.contains("\"") { return text }
        return "\"" + text.replacing("\"", with: "\\(dq") + "\""
    }
}
