import CSWCore

extension ValueKind {
    /// Checks a value typed for an option or argument of this kind.
    ///
    /// - Throws: `InvalidValue` naming the value and the fix.
    package func validate(_ text: String) throws {
        switch self {
        case .text:
            if text.utf8.count > 4096 {
                throw InvalidValue("the text is \(text.utf8.count) bytes long; give at most 4096")
            }
            if text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || (0x7F...0x9F).contains($0.value) }) {
                throw InvalidValue("invalid text '\(WebhookURL.printable(text))': it contains a control character; remove it")
            }
        case .url:
            _ = try WebhookURL(text)
        case .duration:
            _ = try DurationText.milliseconds(text)
        case .integer(let range):
            guard let number = Int(text), range.contains(number) else {
                throw InvalidValue("invalid number '\(WebhookURL.printable(text))': give a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
        case .event:
            _ = try EventSelector.resolve(text)
        case .eventType:
            _ = try EventSelector.single(text)
        case .department:
            try Department.validate(text)
        case .subscriptionID, .deliveryID:
            if text.isEmpty || text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) {
                throw InvalidValue("invalid id '\(WebhookURL.printable(text))': ids hold no spaces; run 'csw list' to see them")
            }
        case .file:
            if text.isEmpty { throw InvalidValue("the file name is empty; give a path, or '-' for standard input") }
        case .choice(let words):
            guard words.contains(text) else {
                let close = Suggestions.closest(to: text, among: words, limit: 1)
                let hint = close.first.map { "did you mean '\($0)'? " } ?? ""
                throw InvalidValue("invalid value '\(WebhookURL.printable(text))': \(hint)choose one of \(words.joined(separator: ", "))")
            }
        case .header:
            _ = try HeaderField(parsing: text)
        case .keyValue:
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw InvalidValue("invalid setting '\(WebhookURL.printable(text))': write it as key=value")
            }
        }
    }
}
