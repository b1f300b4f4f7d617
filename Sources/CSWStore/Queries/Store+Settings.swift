extension Store {
    /// A setting's stored value, or nil when it has its default.
    package func setting(_ key: String) throws -> String? {
        try connection.statement("SELECT value FROM settings WHERE key = ?1").first([.text(key)]) { $0.text(0) }
    }

    /// Stores a setting; the caller runs it inside `write`.
    package func setSetting(_ key: String, to value: String) throws {
        try connection.statement("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2")
            .run([.text(key), .text(value)])
    }
}
