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

    /// The subscription as a JSON object; the secret only when asked.
    static func json(_ subscription: Subscription, revealSecrets: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(subscription.id)),
            ("url", .string(revealSecrets ? subscription.url : WebhookURL.maskedText(subscription.url))),
            ("events", .array(subscription.events.map { .string($0.rawValue) })),
            ("departments", .array(subscription.departments.map(JSONValue.string))),
            ("description", .string(subscription.description)),
            ("headers", .array(subscription.headers.map { .object([("name", .string($0.name)), ("value", .string($0.value))]) })),
            ("enabled", .bool(subscription.enabled)),
            ("disabled_at", subscription.disabledAt.map { .string(Clock.iso8601(milliseconds: $0)) } ?? .null),
            ("disabled_reason", .optional(subscription.disabledReason)),
            ("allow_private_network", .bool(subscription.allowPrivateNetwork)),
            ("ca_file", .optional(subscription.caFile)),
            ("secret_fingerprint", .string(fingerprint(subscription.secret))),
            ("created_at", .string(Clock.iso8601(milliseconds: subscription.createdAt))),
            ("updated_at", .string(Clock.iso8601(milliseconds: subscription.updatedAt))),
        ]
        if let expiry = subscription.previousSecretExpiresAt, subscription.previousSecret != nil, expiry > Clock.nowMilliseconds() {
            members.append(("previous_secret_expires_at", .string(Clock.iso8601(milliseconds: expiry))))
        }
        if revealSecrets {
            members.append(("secret", .string(subscription.secret)))
            if subscription.previousSecret != nil, (subscription.previousSecretExpiresAt ?? 0) > Clock.nowMilliseconds() {
                members.append(("previous_secret", .optional(subscription.previousSecret)))
            }
        }
        return .object(members)
    }

    /// The fingerprint of a stored secret, or a marker when it does not parse.
    static func fingerprint(_ secret: String) -> String {
        (try? WebhookSecret.parse(secret))?.fingerprint ?? "invalid secret"
    }
}
