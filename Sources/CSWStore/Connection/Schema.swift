/// The store's schema as a list of forward migrations.
///
/// Migration N brings `PRAGMA user_version` from N-1 to N. Each runs in the
/// same `BEGIN IMMEDIATE` transaction as the version change, so a store is
/// never left half-migrated. Released migrations are never edited; a change
/// is a new migration at the end.
package enum Schema {
    package static var currentVersion: Int { migrations.count }

    static let migrations: [String] = [
        // 1: subscriptions, the delivery log and settings.
        """
        CREATE TABLE subscriptions (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            secret TEXT NOT NULL,
            previous_secret TEXT,
            previous_secret_expires_at INTEGER,
            headers TEXT NOT NULL DEFAULT '',
            enabled INTEGER NOT NULL DEFAULT 1,
            disabled_at INTEGER,
            disabled_reason TEXT,
            allow_private_network INTEGER NOT NULL DEFAULT 0,
            ca_file TEXT,
            scope TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX subscriptions_by_scope ON subscriptions(scope);

        CREATE TABLE subscription_events (
            subscription_id TEXT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            event TEXT NOT NULL,
            PRIMARY KEY (subscription_id, event)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX subscription_events_by_event ON subscription_events(event, subscription_id);

        CREATE TABLE subscription_departments (
            subscription_id TEXT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            department TEXT NOT NULL,
            PRIMARY KEY (subscription_id, department)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX subscription_departments_by_department
            ON subscription_departments(department, subscription_id);

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE fired_events (
            id TEXT PRIMARY KEY,
            event TEXT NOT NULL,
            department_id TEXT NOT NULL,
            body BLOB NOT NULL,
            body_sha256 TEXT NOT NULL,
            created_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE deliveries (
            id TEXT PRIMARY KEY,
            fired_event_id TEXT NOT NULL REFERENCES fired_events(id),
            subscription_id TEXT NOT NULL,
            event TEXT NOT NULL,
            url TEXT NOT NULL,
            state TEXT NOT NULL,
            outcome TEXT,
            status_code INTEGER,
            reason TEXT,
            attempt_count INTEGER NOT NULL DEFAULT 0,
            first_attempt_at INTEGER,
            next_attempt_at INTEGER,
            claim_pid INTEGER,
            claim_until INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);
        CREATE INDEX deliveries_by_subscription ON deliveries(subscription_id, created_at);
        CREATE INDEX deliveries_by_creation ON deliveries(created_at);

        CREATE TABLE attempts (
            delivery_id TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            status_code INTEGER,
            reason TEXT NOT NULL,
            response_body BLOB NOT NULL DEFAULT x'',
            body_truncated INTEGER NOT NULL DEFAULT 0,
            retry_after_seconds INTEGER,
            PRIMARY KEY (delivery_id, number)
        ) STRICT, WITHOUT ROWID;
        """
    ]
}
