/// A custom request header of a subscription, checked when it is saved.
///
/// libcurl ends each header line with CRLF and does not clean the values it
/// is given, so a CR or LF inside a value would start a header the admin never
/// defined. Names must be HTTP tokens (RFC 9110, section 5.6.2) and values may
/// hold no control character but a tab.
package struct HeaderField: Equatable, Sendable {
    package let name: String
    package let value: String

    /// Headers csw sets itself, which a subscription may not replace.
    package static let reservedNames: Set<String> = [
        "content-type", "content-length", "host", "transfer-encoding", "connection", "expect",
        "user-agent", "webhook-id", "webhook-timestamp", "webhook-signature",
    ]

    /// Checks a name and value pair.
    ///
    /// - Throws: `InvalidValue` naming the header and the character or name at fault.
    package init(name: String, value: String) throws {
        guard !name.isEmpty else {
            throw InvalidValue("invalid header ': \(WebhookURL.printable(value))': the name is empty; write it as 'Name: value'")
        }
        for scalar in name.unicodeScalars where !HeaderField.isTokenCharacter(scalar) {
            throw InvalidValue("invalid header name '\(WebhookURL.printable(name))': it may hold only letters, digits and !#$%&'*+-.^_`|~")
        }
        if HeaderField.reservedNames.contains(name.lowercased()) {
            throw InvalidValue("header '\(name)' is set by csw itself and cannot be replaced; choose another name")
        }
        for scalar in value.unicodeScalars where (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) {
            let kind = scalar == "\r" || scalar == "\n" ? "a line break" : "a control character"
            throw InvalidValue("invalid value for header '\(name)': it contains \(kind) (\(WebhookURL.printable(String(scalar)))), which could add a header; remove it")
        }
        self.name = name
        self.value = value.trimmingSpacesAndTabs()
    }

    /// Parses `Name: value` as typed after `--header`.
    package init(parsing text: String) throws {
        guard let colon = text.firstIndex(of: ":") else {
            throw InvalidValue("invalid header '\(WebhookURL.printable(text))': write it as 'Name: value'")
        }
        try self.init(name: String(text[..<colon]), value: String(text[text.index(after: colon)...]))
    }

    /// Splits a `Name: value` line that was checked when it was saved,
    /// without checking it again; nil when it has no colon.
    package init?(storedLine line: String) {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        name = String(line[..<colon])
        value = String(line[line.index(after: colon)...]).trimmingSpacesAndTabs()
    }

    /// Whether the name suggests a credential, such as `Authorization`,
    /// `Cookie` or `X-Api-Key`, whose value lists and `show` mask.
    package var carriesCredential: Bool {
        let lowered = name.lowercased()
        if lowered == "cookie" || lowered.hasSuffix("authorization") { return true }
        return ["token", "key", "secret", "auth", "password", "signature", "session"].contains { lowered.contains($0) }
    }

    /// The value, or `***` when the header carries a credential.
    package var maskedValue: String { carriesCredential ? "***" : value }

    /// The header as one line without its line end: `Name: value`.
    package var line: String { "\(name): \(value)" }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": return true
        case "!", "#", "$", "%", "&", "'", "*", "+", "-", ".", "^", "_", "`", "|", "~": return true
        default: return false
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    package func trimmingSpacesAndTabs() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[first...last])
    }
}
