/// Quoting of text placed inside the generated shell scripts.
package enum ShellQuoting {
    /// Quotes a word for bash and zsh source: as it is when it holds only
    /// characters that are never special, else in single quotes with each
    /// `'` written as `'\''`.
    package static func posix(_ text: String) -> String {
        if !text.isEmpty, text.unicodeScalars.allSatisfy(isPlain) { return text }
        return "'" + text.replacing("'", with: #"'\''"#) + "'"
    }

    /// Quotes a word for fish source. Inside fish single quotes only `\\`
    /// and `\'` are escapes.
    package static func fish(_ text: String) -> String {
        if !text.isEmpty, text.unicodeScalars.allSatisfy(isPlain) { return text }
        let escaped = text.replacing("\\", with: "\\\\").replacing("'", with: "\\'")
        return "'" + escaped + "'"
    }

    /// Letters, digits and punctuation that no shell treats specially
    /// anywhere in a word.
    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/", ",", "+", "@":
            return true
        default:
            return false
        }
    }
}
