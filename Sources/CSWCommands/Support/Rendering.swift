import CSWCore
import CSWStore

/// Text tables for people: columns padded to the widest cell, a header line
/// in bold on a terminal.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) {
        self.header = header
    }

    /// The table's lines, trailing spaces trimmed.
    func render(on output: Output) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (column, cell) in cells.enumerated() {
                let last = column == cells.count - 1
                text += last ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }
            return text.trimmingSpacesAndTabs()
        }
        var result = output.styled(line(header), .bold) + "\n"
        for row in rows { result += line(row) + "\n" }
        return result
    }
}

/// Short and JSON forms of subscriptions, shared by list, show and others.
enum SubscriptionText {
    /// Events written compactly: `*` for all, group names for whole groups.
    static func events(_ events: [EventType]) -> String {
        if events.count == EventType.allCases.count { return "*" }
        var words: [String] = []
        var remaining = Set(events)
        for group in EventGroup.allCases where Set(group.events).isSubset(of: remaining) {
            words.append(group.rawValue)
            remaining.subtract(group.events)
        }
        words += EventType.allCases.filter { remaining.contains($0) }.map(\.rawValue)
        return words.joined(separator: ",")
    }

    /// Departments, or `*` for every department.
    static func departments(_ departments: [String]) -> String {
        departments.isEmpty ? "*" : departments.joined(separator: ",")
    }

    /// `enabled`, or `disabled` with nothing else; the reason is in `show`.
    static func state(_ subscription: Subscription) -> String {
        subscription.enabled ? "enabled" : "disabled"
    }

    /// The subscription as a JSON object; the secret only when asked, and
    /// the secret's fingerprint unless `fingerprint` is false (as in lists,
    /// where computing it for every row would slow `csw list` down).
    static func json(_ subscription: Subscription, revealSecrets: Bool, fingerprint: Bool = true) -> JSONValue {
        let bytes = jsonBytes(subscription, revealSecrets: revealSecrets, fingerprint: fingerprint, indent: nil, depth: 0)
        // The bytes come from JSONObjectWriter, so failing to parse them is a bug.
        return try! JSONParser.parse(bytes)
    }

    /// The subscription as JSON text, written without building a JSONValue,
    /// indented as `JSONValue.prettyPrinted()` would indent it at `depth`.
    static func jsonBytes(_ subscription: Subscription, revealSecrets: Bool, fingerprint includeFingerprint: Bool, indent: Int?, depth: Int) -> [UInt8] {
        var object = JSONObjectWriter(indent: indent, depth: depth)
        object.add("id", subscription.id)
        object.add("url", revealSecrets ? subscription.url : WebhookURL.maskedText(subscription.url))
        object.add("events", subscription.events.map(\.rawValue))
        object.add("departments", subscription.departments)
        object.add("description", subscription.description)
        object.add("headers", JSONValue.array(subscription.headers.map { header in
            .object([("name", .string(header.name)), ("value", .string(revealSecrets ? header.value : header.maskedValue))])
        }))
        object.add("enabled", subscription.enabled)
        object.add("disabled_at", subscription.disabledAt.map { Clock.iso8601(milliseconds: $0) })
        object.add("disabled_reason", subscription.disabledReason)
        object.add("allow_private_network", subscription.allowPrivateNetwork)
        object.add("ca_file", subscription.caFile)
        if includeFingerprint { object.add("secret_fingerprint", fingerprint(subscription.secret)) }
        object.add("created_at", Clock.iso8601(milliseconds: subscription.createdAt))
        object.add("updated_at", Clock.iso8601(milliseconds: subscription.updatedAt))
        let now = Clock.nowMilliseconds()
        let graceLasts = subscription.previousSecret != nil && (subscription.previousSecretExpiresAt ?? 0) > now
        if graceLasts, let expiry = subscription.previousSecretExpiresAt {
            object.add("previous_secret_expires_at", Clock.iso8601(milliseconds: expiry))
        }
        if revealSecrets {
            object.add("secret", subscription.secret)
            if graceLasts { object.add("previous_secret", subscription.previousSecret) }
        }
        return object.finish()
    }

    /// The fingerprint of a stored secret, or a marker when it does not parse.
    static func fingerprint(_ secret: String) -> String {
        (try? WebhookSecret.parse(secret))?.fingerprint ?? "invalid secret"
    }
}

/// A count with its noun, singular for one: `1 request`, `3 requests`.
func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : pluralForm ?? singular + "s")"
}
