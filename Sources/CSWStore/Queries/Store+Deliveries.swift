import CSWCore

#if canImport(Glibc)
    import Glibc
#endif

extension Store {
    private static let deliveryColumns = """
        id, fired_event_id, subscription_id, event, url, state, outcome, status_code, reason, attempt_count,
        first_attempt_at, next_attempt_at, created_at, updated_at
        """

    /// Records a fired event and one pending delivery per subscription, all
    /// claimed by this process, in one transaction: the outbox that
    /// `csw retry` finishes when this process dies before sending.
    package func recordFiredEvent(
        _ fired: FiredEvent, deliveries: [(id: String, subscription: Subscription)],
        claimMilliseconds: Int64
    ) throws {
        try write {
            try connection.statement(
                "INSERT INTO fired_events (id, event, department_id, body, body_sha256, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            )
            .run([
                .text(fired.id), .text(fired.event), .text(fired.departmentID), .blob(fired.body),
                .text(fired.bodySHA256), .integer(fired.createdAt),
            ])
            let insert = try connection.statement(
                """
                INSERT INTO deliveries (id, fired_event_id, subscription_id, event, url, state, next_attempt_at, claim_pid, claim_until, created_at, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7, ?8, ?6, ?6)
                """)
            for (id, subscription) in deliveries {
                try insert.run([
                    .text(id), .text(fired.id), .text(subscription.id), .text(fired.event),
                    .text(subscription.url),
                    .integer(fired.createdAt), .integer(Store.processID),
                    .integer(fired.createdAt + claimMilliseconds),
                ])
            }
        }
    }

    /// Claims the deliveries that are due now and not claimed by a live csw
    /// process, so two overlapping `csw retry` runs never send one twice.
    /// `claimMilliseconds` gives the claim's length for the number of
    /// deliveries claimed.
    package func claimDueDeliveries(
        now: Int64, limit: Int = 100_000, claimMilliseconds: (Int) -> Int64
    ) throws -> [Delivery] {
        try write {
            let candidates = try connection.statement(
                """
                SELECT \(Store.deliveryColumns), claim_pid, claim_until FROM deliveries
                WHERE state IN ('pending', 'failed') AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT ?2
                """
            ).rows([.integer(now), .integer(Int64(limit))]) { row in
                (Store.delivery(row), row.optionalInteger(14), row.integer(15))
            }
            let claim = try connection.statement(
                "UPDATE deliveries SET claim_pid = ?2, claim_until = ?3 WHERE id = ?1")
            let claimable = candidates.filter { _, pid, until in
                guard let pid, until > now else { return true }
                return !Store.isRunning(pid: pid)
            }
            let until = now + claimMilliseconds(claimable.count)
            for (delivery, _, _) in claimable {
                try claim.run([.text(delivery.id), .integer(Store.processID), .integer(until)])
            }
            return claimable.map(\.0)
        }
    }

    /// Claims one delivery for `csw redeliver`, whatever its state.
    package func claimDelivery(id: String, now: Int64, claimMilliseconds: Int64) throws -> Delivery {
        try write {
            guard
                let row = try connection.statement(
                    "SELECT \(Store.deliveryColumns), claim_pid, claim_until FROM deliveries WHERE id = ?1"
                )
                .first([.text(id)], { ($0.optionalInteger(14), $0.integer(15), Store.delivery($0)) })
            else {
                throw Failure("no delivery with id '\(id)'; run 'csw deliveries' to see the ids")
            }
            if let pid = row.0, row.1 > now, pid != Store.processID, Store.isRunning(pid: pid) {
                throw Failure(
                    "delivery \(id) is being sent by csw process \(pid) right now; try again when it has finished"
                )
            }
            try connection.statement(
                "UPDATE deliveries SET claim_pid = ?2, claim_until = ?3 WHERE id = ?1"
            )
            .run([.text(id), .integer(Store.processID), .integer(now + claimMilliseconds)])
            return row.2
        }
    }

    /// Records an attempt and the delivery's new state in one transaction.
    package func recordAttempt(
        _ attempt: Attempt, state: DeliveryState, nextAttemptAt: Int64?, url: String
    ) throws {
        try recordAttempts([
            AttemptRecord(attempt: attempt, state: state, nextAttemptAt: nextAttemptAt, url: url)
        ])
    }

    /// Records several attempts and their deliveries' new states in one
    /// transaction, as `csw fire` does for every request that ended in the
    /// same round of the sender.
    package func recordAttempts(_ records: [AttemptRecord]) throws {
        if records.isEmpty { return }
        try write {
            for record in records {
                try insertAttempt(
                    record.attempt, state: record.state, nextAttemptAt: record.nextAttemptAt, url: record.url)
            }
        }
    }

    private func insertAttempt(
        _ attempt: Attempt, state: DeliveryState, nextAttemptAt: Int64?, url: String
    ) throws {
        try connection.statement(
            """
            INSERT INTO attempts (delivery_id, number, started_at, duration_ms, outcome, status_code, reason, response_body, body_truncated, retry_after_seconds)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """
        ).run([
            .text(attempt.deliveryID), .integer(Int64(attempt.number)), .integer(attempt.startedAt),
            .integer(Int64(attempt.durationMilliseconds)), .text(attempt.outcome),
            attempt.statusCode.map { .integer(Int64($0)) } ?? .null, .text(attempt.reason),
            .blob(attempt.responseBody),
            .integer(attempt.bodyTruncated ? 1 : 0),
            attempt.retryAfterSeconds.map { .integer(Int64($0)) } ?? .null,
        ])
        try connection.statement(
            """
            UPDATE deliveries SET state = ?2, outcome = ?3, status_code = ?4, reason = ?5, attempt_count = ?6,
                first_attempt_at = coalesce(first_attempt_at, ?7), next_attempt_at = ?8, url = ?9,
                claim_pid = NULL, claim_until = 0, updated_at = ?10
            WHERE id = ?1
            """
        ).run([
            .text(attempt.deliveryID), .text(state.rawValue), .text(attempt.outcome),
            attempt.statusCode.map { .integer(Int64($0)) } ?? .null, .text(attempt.reason),
            .integer(Int64(attempt.number)),
            .integer(attempt.startedAt), nextAttemptAt.map(Statement.Value.integer) ?? .null, .text(url),
            .integer(Clock.nowMilliseconds()),
        ])
    }

    /// Marks deliveries as stopped for good, with the reason; the caller runs
    /// it inside `write`.
    package func cancelDeliveries(subscriptionID: String, reason: String, now: Int64) throws {
        try connection.statement(
            """
            UPDATE deliveries SET state = 'cancelled', reason = ?2, next_attempt_at = NULL, updated_at = ?3
            WHERE subscription_id = ?1 AND state IN ('pending', 'failed')
            """
        ).run([.text(subscriptionID), .text(reason), .integer(now)])
    }

    /// Cancels one delivery whose subscription is gone.
    package func cancelDelivery(id: String, reason: String) throws {
        try write {
            try connection.statement(
                "UPDATE deliveries SET state = 'cancelled', reason = ?2, next_attempt_at = NULL, claim_pid = NULL, claim_until = 0, updated_at = ?3 WHERE id = ?1"
            )
            .run([.text(id), .text(reason), .integer(Clock.nowMilliseconds())])
        }
    }

    /// Releases a claim without recording an attempt.
    package func releaseClaim(deliveryID: String) throws {
        try write {
            try connection.statement(
                "UPDATE deliveries SET claim_pid = NULL, claim_until = 0 WHERE id = ?1"
            ).run([.text(deliveryID)])
        }
    }

    /// The fired event with its body.
    package func firedEvent(id: String) throws -> FiredEvent? {
        try connection.statement(
            "SELECT id, event, department_id, body, body_sha256, created_at FROM fired_events WHERE id = ?1"
        )
        .first([.text(id)]) { row in
            FiredEvent(
                id: row.text(0), event: row.text(1), departmentID: row.text(2), body: row.blob(3),
                bodySHA256: row.text(4), createdAt: row.integer(5))
        }
    }

    /// Deliveries that pass the filter, newest first.
    package func deliveries(_ filter: DeliveryFilter) throws -> [Delivery] {
        var conditions: [String] = []
        var values: [Statement.Value] = []
        if let id = filter.subscriptionID {
            values.append(.text(id))
            conditions.append("subscription_id = ?\(values.count)")
        }
        if !filter.events.isEmpty {
            let marks = filter.events.map { event -> String in
                values.append(.text(event))
                return "?\(values.count)"
            }
            conditions.append("event IN (\(marks.joined(separator: ",")))")
        }
        if filter.onlyUnsuccessful { conditions.append("state != 'delivered'") }
        if let since = filter.createdSince {
            values.append(.integer(since))
            conditions.append("created_at >= ?\(values.count)")
        }
        if let due = filter.dueBy {
            values.append(.integer(due))
            conditions.append("state IN ('pending', 'failed') AND next_attempt_at <= ?\(values.count)")
        }
        values.append(.integer(Int64(filter.limit)))
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql =
            "SELECT \(Store.deliveryColumns) FROM deliveries \(whereClause) ORDER BY created_at DESC, id LIMIT ?\(values.count)"
        return try read { try connection.statement(sql).rows(values, Store.delivery) }
    }

    /// One delivery by exact id.
    package func delivery(id: String) throws -> Delivery? {
        try connection.statement("SELECT \(Store.deliveryColumns) FROM deliveries WHERE id = ?1").first(
            [.text(id)], Store.delivery)
    }

    /// The attempts of a delivery, in order.
    package func attempts(deliveryID: String) throws -> [Attempt] {
        try connection.statement(
            """
            SELECT delivery_id, number, started_at, duration_ms, outcome, status_code, reason, response_body, body_truncated, retry_after_seconds
            FROM attempts WHERE delivery_id = ?1 ORDER BY number
            """
        ).rows([.text(deliveryID)]) { row in
            Attempt(
                deliveryID: row.text(0), number: Int(row.integer(1)), startedAt: row.integer(2),
                durationMilliseconds: Int(row.integer(3)),
                outcome: row.text(4), statusCode: row.optionalInteger(5).map(Int.init), reason: row.text(6),
                responseBody: row.blob(7),
                bodyTruncated: row.integer(8) != 0, retryAfterSeconds: row.optionalInteger(9).map(Int.init))
        }
    }

    /// The full delivery id a user typed: exact or a unique prefix, with or
    /// without `msg_`.
    package func resolveDeliveryID(_ typed: String) throws -> String {
        try resolve(
            typed, table: "deliveries", prefix: "msg_", noun: "delivery", listCommand: "csw deliveries")
    }

    /// Delivery ids starting with a prefix, newest first, for completion.
    package func deliveryIDs(prefix: String, limit: Int = 200) throws -> [String] {
        try connection.statement(
            "SELECT id FROM deliveries WHERE id >= ?1 AND id < ?2 ORDER BY created_at DESC LIMIT ?3"
        )
        .rows([.text(prefix), .text(prefix + "\u{FFFF}"), .integer(Int64(limit))]) { $0.text(0) }
    }

    private static func delivery(_ row: Row) -> Delivery {
        Delivery(
            id: row.text(0), firedEventID: row.text(1), subscriptionID: row.text(2), event: row.text(3),
            url: row.text(4),
            state: DeliveryState(rawValue: row.text(5)) ?? .pending, outcome: row.optionalText(6),
            statusCode: row.optionalInteger(7).map(Int.init), reason: row.optionalText(8),
            attemptCount: Int(row.integer(9)),
            firstAttemptAt: row.optionalInteger(10), nextAttemptAt: row.optionalInteger(11),
            createdAt: row.integer(12),
            updatedAt: row.integer(13))
    }

    /// This process's id, read once: claims record it on every row.
    static let processID = Int64(getpid())

    /// Whether a process with this id exists (signal 0 checks without sending).
    private static func isRunning(pid: Int64) -> Bool {
        kill(pid_t(pid), 0) == 0 || errno == EPERM
    }
}
