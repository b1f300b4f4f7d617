import CSWCore

/// POSIX-like word splitting for lines typed at the `csw shell` prompt and
/// for values typed at prompts.
///
/// Blanks separate words. Single quotes keep everything up to the next
/// single quote. Double quotes keep everything up to the next double quote,
/// where a backslash escapes `"`, `\`, `$` and `` ` `` and is kept before any
/// other character. Outside quotes a backslash escapes the next character.
/// Nothing is expanded: `$`, `*` and `~` are ordinary characters.
package enum ShellWords {
    /// The quote that a line leaves open at its end.
    package enum OpenQuote: Equatable, Sendable {
        case none
        case single
        case double
    }

    /// A line cut at the cursor, for completion.
    package struct Partial: Equatable, Sendable {
        /// The finished words before the word being typed.
        package var words: [String]
        /// The word being typed, quotes removed; empty after a blank.
        package var current: String
        /// The quote left open in the word being typed.
        package var openQuote: OpenQuote
        /// Whether a backslash ends the line, escaping nothing yet.
        package var pendingEscape: Bool

        package init(words: [String], current: String, openQuote: OpenQuote, pendingEscape: Bool) {
            self.words = words
            self.current = current
            self.openQuote = openQuote
            self.pendingEscape = pendingEscape
        }
    }

    /// Splits a whole line into words.
    ///
    /// - Throws: `UnterminatedQuote` when a quote is left open or the line
    ///   ends with a backslash.
    package static func split(_ line: String) throws -> [String] {
        let partial = scan(line)
        switch partial.openQuote {
        case .single: throw UnterminatedQuote("unterminated single quote: close it with '")
        case .double: throw UnterminatedQuote("unterminated double quote: close it with \"")
        case .none: break
        }
        if partial.pendingEscape {
            throw UnterminatedQuote("the line ends with a backslash: remove it, or quote it as '\\'")
        }
        return partial.words + (partial.hasCurrent ? [partial.current] : [])
    }

    /// Splits the text before the cursor, leaving the last word open.
    package static func partial(_ line: String) -> Partial {
        let scanned = scan(line)
        return Partial(
            words: scanned.words, current: scanned.current, openQuote: scanned.openQuote,
            pendingEscape: scanned.pendingEscape)
    }

    /// Quotes a word so that `split` reads it back unchanged: as it is when
    /// nothing in it is special, else with each special character escaped.
    package static func quote(_ word: String) -> String {
        if word.isEmpty { return "''" }
        return escape(word, in: .none)
    }

    /// Escapes text to be inserted inside a word that has the given quote
    /// open, so that it reads back as the text itself.
    package static func escape(_ text: String, in quote: OpenQuote) -> String {
        var result = ""
        for character in text {
            switch quote {
            case .single:
                // A single quote cannot appear inside single quotes: close,
                // write an escaped quote, and open again.
                result += character == "'" ? "'\\''" : String(character)
            case .double:
                if "\"\\$`".contains(character) { result.append("\\") }
                result.append(character)
            case .none:
                if isSpecial(character) { result.append("\\") }
                result.append(character)
            }
        }
        return result
    }

    /// Characters that need a backslash outside quotes: blanks, quotes and
    /// what a POSIX shell treats specially, so quoted text also pastes into
    /// a shell.
    private static func isSpecial(_ character: Character) -> Bool {
        " \t\n'\"\\$`&|;<>()*?[]#~!{}".contains(character)
    }

    private struct Scan {
        var words: [String] = []
        var current = ""
        var hasCurrent = false
        var openQuote = OpenQuote.none
        var pendingEscape = false
    }

    private static func scan(_ line: String) -> Scan {
        var state = Scan()
        var escaped = false
        for character in line {
            if escaped {
                if state.openQuote == .double && !"\"\\$`".contains(character) { state.current.append("\\") }
                state.current.append(character)
                escaped = false
                continue
            }
            switch (state.openQuote, character) {
            case (.single, "'"), (.double, "\""):
                state.openQuote = .none
            case (.single, _):
                state.current.append(character)
            case (.double, "\\"), (.none, "\\"):
                escaped = true
                state.hasCurrent = true
            case (.double, _):
                state.current.append(character)
            case (.none, " "), (.none, "\t"), (.none, "\n"), (.none, "\r"):
                if state.hasCurrent { state.words.append(state.current) }
                state.current = ""
                state.hasCurrent = false
            case (.none, "'"):
                state.openQuote = .single
                state.hasCurrent = true
            case (.none, "\""):
                state.openQuote = .double
                state.hasCurrent = true
            case (.none, _):
                state.current.append(character)
                state.hasCurrent = true
            }
        }
        state.pendingEscape = escaped
        return state
    }
}

/// A line that leaves a quote open or ends with a backslash.
package struct UnterminatedQuote: ReportableError, Equatable {
    package let message: String
    package var exitStatus: ExitStatus { .usage }

    package init(_ message: String) {
        self.message = message
    }
}
