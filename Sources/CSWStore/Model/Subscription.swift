import CSWCore

/// A webhook subscription: where to send which events, for which departments.
package struct Subscription: Equatable, Sendable {
    package var id: String
    package var url: String
    /// The event types, in catalogue order; groups and `*` are stored expanded.
    package var events: [EventType]
    /// The departments it is limited to, sorted; empty means every department.
    package var departments: [String]
    package var description: String
    /// The signing secret, `whsec_` and base64.
    package var secret: String
    /// The secret replaced by the last rotation, which also signs until
    /// `previousSecretExpiresAt`.
    package var previousSecret: String?
    package var previousSecretExpiresAt: Int64?
    package var headers: [HeaderField]
    package var enabled: Bool
    package var disabledAt: Int64?
    package var disabledReason: String?
    package var allowPrivateNetwork: Bool
    package var caFile: String?
    package var createdAt: Int64
    package var updatedAt: Int64

    package init(
        id: String, url: String, events: [EventType], departments: [String], description: String = "",
        secret: String, headers: [HeaderField] = [], enabled: Bool = true, allowPrivateNetwork: Bool = false,
        caFile: String? = nil, createdAt: Int64, updatedAt: Int64? = nil
    ) {
        self.id = id
        self.url = url
        self.events = events.sorted()
        // Sorted, with repeats dropped.
        var unique: [String] = []
        for department in departments.sorted() where unique.last != department { unique.append(department) }
        self.departments = unique
        self.description = description
        self.secret = secret
        self.headers = headers
        self.enabled = enabled
        self.allowPrivateNetwork = allowPrivateNetwork
        self.caFile = caFile
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// The URL, events and departments in one canonical string: two
    /// subscriptions with the same scope are duplicates.
    package var scope: String {
        ((try? WebhookURL(url))?.comparisonKey ?? url) + "\n" + events.map(\.rawValue).joined(separator: ",") + "\n" + departments.joined(separator: "\n")
    }

    /// Whether an event of this type and department goes to this subscription.
    package func matches(event: EventType, department: String) -> Bool {
        events.contains(event) && (departments.isEmpty || departments.contains(department))
    }

    /// The secrets that sign a delivery made now: the current one, and the
    /// previous one while its grace period lasts.
    package func signingSecrets(now: Int64) -> [String] {
        if let previousSecret, let expiry = previousSecretExpiresAt, expiry > now {
            return [secret, previousSecret]
        }
        return [secret]
    }
}

/// Short, typeable ids with a prefix naming what they identify.
package enum Identifier {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

    /// A new id: the prefix, `_`, and `length` characters of Crockford
    /// base32 (5 random bits each) from the system's secure random source.
    package static func make(prefix: String, length: Int) -> String {
        let bytes = System.randomBytes(count: length)
        return prefix + "_" + String(bytes.map { alphabet[Int($0) & 31] })
    }

    /// A new subscription id, such as `sub_7k2m9q4x8c1d`.
    package static func subscription() -> String { make(prefix: "sub", length: 12) }

    /// A new delivery id, which is also the delivery's webhook-id: the time
    /// in milliseconds (9 characters) then 11 random characters, so ids sort
    /// by creation and new rows land together in the store's index.
    package static func delivery() -> String { timeOrdered(prefix: "msg", randomLength: 11) }

    /// A new id for one fired event, ordered by time like delivery ids.
    package static func firedEvent() -> String { timeOrdered(prefix: "evt", randomLength: 7) }

    private static func timeOrdered(prefix: String, randomLength: Int) -> String {
        var time = UInt64(max(Clock.nowMilliseconds(), 0))
        var characters = [Character](repeating: "0", count: 9)
        for index in stride(from: 8, through: 0, by: -1) {
            characters[index] = alphabet[Int(time & 31)]
            time >>= 5
        }
        let random = System.pooledRandomBytes(count: randomLength).map { alphabet[Int($0) & 31] }
        return prefix + "_" + String(characters) + String(random)
    }
}
