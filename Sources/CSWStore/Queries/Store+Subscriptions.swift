import CSWCore

/// Which subscriptions a list or a bulk change selects.
package struct SubscriptionFilter: Sendable {
    /// Subscriptions to any of these events; empty means any.
    package var events: [EventType] = []
    /// Subscriptions that receive events of any of these departments; a
    /// subscription with no department limit receives every department.
    package var departments: [String] = []
    /// Only enabled (true) or disabled (false) ones; nil means both.
    package var enabled: Bool? = nil

    package init(events: [EventType] = [], departments: [String] = [], enabled: Bool? = nil) {
        self.events = events
        self.departments = departments
        self.enabled = enabled
    }
}

extension Store {
    private static let columns = """
        s.id, s.url, s.description, s.secret, s.previous_secret, s.previous_secret_expires_at, s.headers,
        s.enabled, s.disabled_at, s.disabled_reason, s.allow_private_network, s.ca_file, s.created_at,
        s.updated_at,
        (SELECT group_concat(event, ',') FROM subscription_events WHERE subscription_id = s.id),
        (SELECT group_concat(department, char(10)) FROM subscription_departments WHERE subscription_id = s.id)
        """

    /// Subscriptions that pass the filter, oldest first.
    ///
    /// Exports keep `created_at` to the whole second, and an import inserts
    /// rows in the order of its file. So rows of the same second are ordered
    /// by insertion (rowid), which survives an export and import unchanged.
    package func subscriptions(_ filter: SubscriptionFilter = SubscriptionFilter()) throws -> [Subscription] {
        var result: [Subscription] = []
        try forEachSubscription(filter) { result.append($0) }
        return result
    }

    /// Calls `body` with each subscription that passes the filter, in the
    /// order of `subscriptions(_:)`, holding only one in memory at a time.
    package func forEachSubscription(_ filter: SubscriptionFilter, _ body: (Subscription) throws -> Void) throws {
        var conditions: [String] = []
        var values: [Statement.Value] = []
        if !filter.events.isEmpty {
            let marks = filter.events.map { event -> String in
                values.append(.text(event.rawValue))
                return "?\(values.count)"
            }
            conditions.append("EXISTS (SELECT 1 FROM subscription_events e WHERE e.subscription_id = s.id AND e.event IN (\(marks.joined(separator: ","))))")
        }
        if !filter.departments.isEmpty {
            let marks = filter.departments.map { department -> String in
                values.append(.text(department))
                return "?\(values.count)"
            }
            conditions.append("(NOT EXISTS (SELECT 1 FROM subscription_departments d WHERE d.subscription_id = s.id) OR EXISTS (SELECT 1 FROM subscription_departments d WHERE d.subscription_id = s.id AND d.department IN (\(marks.joined(separator: ",")))))")
        }
        if let enabled = filter.enabled {
            values.append(.integer(enabled ? 1 : 0))
            conditions.append("s.enabled = ?\(values.count)")
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT \(Store.columns) FROM subscriptions s\(whereClause) ORDER BY s.created_at / 1000, s.rowid"
        try read { try connection.statement(sql).forEachRow(values) { try body(try Store.subscription($0)) } }
    }

    /// The subscription with this exact id, or nil.
    package func subscription(id: String) throws -> Subscription? {
        try connection.statement("SELECT \(Store.columns) FROM subscriptions s WHERE s.id = ?1")
            .first([.text(id)], Store.subscription)
    }

    /// The full id a user typed: an exact id, or a unique prefix of one,
    /// with or without the `sub_` prefix.
    ///
    /// - Throws: `Failure` when no id or several ids match.
    package func resolveSubscriptionID(_ typed: String) throws -> String {
        try resolve(typed, table: "subscriptions", prefix: "sub_", noun: "subscription", listCommand: "csw list")
    }

    /// Expands a typed id against a table's ids.
    func resolve(_ typed: String, table: String, prefix: String, noun: String, listCommand: String) throws -> String {
        let candidate = typed.hasPrefix(prefix) ? typed : prefix + typed
        let exact = try connection.statement("SELECT id FROM \(table) WHERE id = ?1").first([.text(candidate)]) { $0.text(0) }
        if let exact { return exact }
        // The range [candidate, candidate + U+FFFF) contains exactly the ids that
        // start with candidate, and it can use the primary key index.
        let matches = try connection.statement("SELECT id FROM \(table) WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 4")
            .rows([.text(candidate), .text(candidate + "\u{FFFF}")]) { $0.text(0) }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw Failure("no \(noun) with id '\(WebhookURL.printable(typed))'; run '\(listCommand)' to see the ids")
        }
        let shown = matches.prefix(3).joined(separator: ", ") + (matches.count > 3 ? ", ..." : "")
        throw Failure("the id '\(typed)' is ambiguous: it starts \(shown); type more of it")
    }

    /// The id of another subscription with the same URL, events and
    /// departments, if there is one.
    package func duplicate(of subscription: Subscription) throws -> String? {
        try connection.statement("SELECT id FROM subscriptions WHERE scope = ?1 AND id != ?2 LIMIT 1")
            .first([.text(subscription.scope), .text(subscription.id)]) { $0.text(0) }
    }

    /// Inserts a subscription; the caller runs it inside `write`.
    package func insert(_ subscription: Subscription) throws {
        try connection.statement("""
            INSERT INTO subscriptions (id, url, description, secret, previous_secret, previous_secret_expires_at,
                headers, enabled, disabled_at, disabled_reason, allow_private_network, ca_file, scope, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
            """).run(Store.values(of: subscription))
        try replaceScope(of: subscription)
    }

    /// Replaces a subscription's row, events and departments; the caller runs
    /// it inside `write`.
    package func replace(_ subscription: Subscription) throws {
        try connection.statement("""
            UPDATE subscriptions SET url = ?2, description = ?3, secret = ?4, previous_secret = ?5,
                previous_secret_expires_at = ?6, headers = ?7, enabled = ?8, disabled_at = ?9, disabled_reason = ?10,
                allow_private_network = ?11, ca_file = ?12, scope = ?13, created_at = ?14, updated_at = ?15
            WHERE id = ?1
            """).run(Store.values(of: subscription))
        try connection.statement("DELETE FROM subscription_events WHERE subscription_id = ?1").run([.text(subscription.id)])
        try connection.statement("DELETE FROM subscription_departments WHERE subscription_id = ?1").run([.text(subscription.id)])
        try replaceScope(of: subscription)
    }

    /// Enables or disables subscriptions; the caller runs it inside `write`.
    package func setEnabled(_ ids: [String], enabled: Bool, reason: String?, now: Int64) throws {
        let statement = try connection.statement("""
            UPDATE subscriptions SET enabled = ?2, disabled_at = ?3, disabled_reason = ?4, updated_at = ?5 WHERE id = ?1
            """)
        for id in ids {
            try statement.run([
                .text(id), .integer(enabled ? 1 : 0), enabled ? .null : .integer(now),
                enabled ? .null : reason.map(Statement.Value.text) ?? .null, .integer(now),
            ])
        }
    }

    /// Deletes subscriptions; their delivery log stays. The caller runs it
    /// inside `write`.
    package func delete(_ ids: [String]) throws {
        let statement = try connection.statement("DELETE FROM subscriptions WHERE id = ?1")
        for id in ids { try statement.run([.text(id)]) }
    }

    /// Department ids in use, sorted, for completion.
    package func departments() throws -> [String] {
        try connection.statement("SELECT DISTINCT department FROM subscription_departments ORDER BY department")
            .rows { $0.text(0) }
    }

    /// Subscription ids starting with a prefix, for completion.
    package func subscriptionIDs(prefix: String, limit: Int = 200) throws -> [(id: String, url: String)] {
        try connection.statement("SELECT id, url FROM subscriptions WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3")
            .rows([.text(prefix), .text(prefix + "\u{FFFF}"), .integer(Int64(limit))]) { ($0.text(0), $0.text(1)) }
    }

    private func replaceScope(of subscription: Subscription) throws {
        let addEvent = try connection.statement("INSERT INTO subscription_events (subscription_id, event) VALUES (?1, ?2)")
        for event in subscription.events { try addEvent.run([.text(subscription.id), .text(event.rawValue)]) }
        let addDepartment = try connection.statement("INSERT INTO subscription_departments (subscription_id, department) VALUES (?1, ?2)")
        for department in subscription.departments { try addDepartment.run([.text(subscription.id), .text(department)]) }
    }

    private static func values(of subscription: Subscription) -> [Statement.Value] {
        func optional(_ text: String?) -> Statement.Value { text.map(Statement.Value.text) ?? .null }
        func optional(_ number: Int64?) -> Statement.Value { number.map(Statement.Value.integer) ?? .null }
        return [
            .text(subscription.id), .text(subscription.url), .text(subscription.description), .text(subscription.secret),
            optional(subscription.previousSecret), optional(subscription.previousSecretExpiresAt),
            .text(subscription.headers.map(\.line).joined(separator: "\n")), .integer(subscription.enabled ? 1 : 0),
            optional(subscription.disabledAt), optional(subscription.disabledReason),
            .integer(subscription.allowPrivateNetwork ? 1 : 0), optional(subscription.caFile), .text(subscription.scope),
            .integer(subscription.createdAt), .integer(subscription.updatedAt),
        ]
    }

    private static func subscription(_ row: Row) throws -> Subscription {
        let events = row.textParts(14, separator: UInt8(ascii: ",")).compactMap(EventType.named)
        let departments = row.isNull(15) ? [] : row.textParts(15, separator: UInt8(ascii: "\n"))
        // Headers were checked when they were saved, so reading them back only splits them.
        let headers = row.textParts(6, separator: UInt8(ascii: "\n")).compactMap(HeaderField.init(storedLine:))
        var subscription = Subscription(
            id: row.text(0), url: row.text(1), events: events, departments: departments, description: row.text(2),
            secret: row.text(3), headers: headers, enabled: row.integer(7) != 0, allowPrivateNetwork: row.integer(10) != 0,
            caFile: row.optionalText(11), createdAt: row.integer(12), updatedAt: row.integer(13))
        subscription.previousSecret = row.optionalText(4)
        subscription.previousSecretExpiresAt = row.optionalInteger(5)
        subscription.disabledAt = row.optionalInteger(8)
        subscription.disabledReason = row.optionalText(9)
        return subscription
    }
}
