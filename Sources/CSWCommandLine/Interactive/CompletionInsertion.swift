/// The text that Tab inserts at the cursor, given the word being typed and
/// the candidates that start with it.
package struct CompletionInsertion {
    /// Text to insert; empty when the candidates share nothing more, and
    /// the editor lists them instead.
    package let text: String

    /// Returns nil when there is no candidate.
    ///
    /// The part that every candidate shares is escaped for the quote that
    /// is open in the word, so the word reads back as the candidate. A
    /// single candidate also gets its closing quote and a space, unless it
    /// is a folder (ends with `/`), which the user will likely go into.
    package init?(partial: ShellWords.Partial, candidates: [String], splitsWords: Bool = true) {
        var unique: [String] = []
        for candidate in candidates where !unique.contains(candidate) { unique.append(candidate) }
        guard let first = unique.first else { return nil }
        let common = unique.dropFirst().reduce(first) { CompletionInsertion.commonPrefix($0, $1) }
        let added = String(common.dropFirst(partial.current.count))
        guard splitsWords else {
            text = added
            return
        }
        var text = ShellWords.escape(added, in: partial.openQuote)
        if unique.count == 1 && !first.hasSuffix("/") {
            switch partial.openQuote {
            case .single: text += "'"
            case .double: text += "\""
            case .none: break
            }
            text += " "
        }
        self.text = text
    }

    static func commonPrefix(_ left: String, _ right: String) -> String {
        var result = ""
        for (a, b) in zip(left, right) {
            guard a == b else { break }
            result.append(a)
        }
        return result
    }
}

/// Candidates laid out in columns across the terminal, for a Tab that
/// cannot decide.
package enum CandidateColumns {
    package static func layout(_ candidates: [String], width: Int) -> String {
        let cell = (candidates.map(\.count).max() ?? 0) + 2
        let columns = max(1, width / cell)
        let rows = (candidates.count + columns - 1) / columns
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            // Fill down the columns, as ls does, so the order reads downward.
            for column in 0..<columns {
                let index = column * rows + row
                guard index < candidates.count else { break }
                let candidate = candidates[index]
                let isLast = column == columns - 1 || (column + 1) * rows + row >= candidates.count
                line += isLast ? candidate : candidate + String(repeating: " ", count: cell - candidate.count)
            }
            lines.append(line)
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
