/// Checks for department ids, which Citizen Space uses to scope events.
package enum Department {
    /// The longest department id accepted, in characters.
    package static let maximumLength = 200

    /// Checks a department id: not empty, no control characters, no spaces
    /// at either end, at most `maximumLength` characters.
    ///
    /// - Throws: `InvalidValue` naming the value and what to fix.
    package static func validate(_ text: String) throws {
        if text.isEmpty {
            throw InvalidValue("the department is empty; give a department id such as 'planning'")
        }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw InvalidValue("invalid department '\(WebhookURL.printable(text))': it contains a control character; remove it")
        }
        if text == "*" {
            throw InvalidValue("'*' is not a department id; a subscription with no department limit receives every department")
        }
        if text.contains(",") {
            throw InvalidValue("invalid department '\(text)': it contains a comma; give each department with its own --department")
        }
        if text.trimmingSpacesAndTabs() != text {
            throw InvalidValue("invalid department '\(text)': it starts or ends with a space; remove the space")
        }
        if text.count > maximumLength {
            throw InvalidValue("invalid department '\(text.prefix(20))...': it is longer than \(maximumLength) characters")
        }
    }
}
