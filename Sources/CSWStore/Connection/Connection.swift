import CSQLite
import CSWCore

#if canImport(Glibc)
import Glibc
#endif

/// One open SQLite database, closed when released.
package final class Connection {
    let handle: OpaquePointer
    private var statements: [String: Statement] = [:]
    /// Called with each SQL text before it runs, for `--verbose`.
    package var trace: ((String) -> Void)?

    /// Opens a database file.
    ///
    /// - Parameter readOnly: open without write access, for read-only folders.
    package init(path: String, readOnly: Bool = false, create: Bool = true) throws {
        var database: OpaquePointer? = nil
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        let code = sqlite3_open_v2(path, &database, flags, nil)
        // "Whether or not an error occurs when it is opened, resources
        // associated with the database connection handle should be released
        // by passing it to sqlite3_close() when it is no longer required."
        // (SQLite, sqlite3_open_v2)
        guard code == SQLITE_OK, let database else {
            let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(database)
            throw StoreError(code: code, message: message)
        }
        handle = database
    }

    deinit {
        statements.removeAll()
        sqlite3_close(handle)
    }

    /// A cached prepared statement for the SQL text.
    package func statement(_ sql: String) throws -> Statement {
        trace?(sql)
        if let cached = statements[sql] { return cached }
        let statement = try Statement(connection: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Runs one or more statements that take no parameters.
    package func execute(_ sql: String) throws {
        trace?(sql)
        var message: UnsafeMutablePointer<CChar>? = nil
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw StoreError(code: code, message: text, sql: sql)
        }
    }

    /// Waits up to this long for another process's lock before failing busy.
    package func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE`, committing on success and rolling
    /// back on any error.
    ///
    /// "If the database is in WAL mode, a deferred transaction that starts as
    /// a read and later tries to write can fail with SQLITE_BUSY without the
    /// busy handler being called" (SQLite, "Transaction"), so every write
    /// takes the write lock up front, where the busy timeout applies.
    package func write<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` inside a read transaction, so its queries see one snapshot.
    package func read<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        defer { try? execute("COMMIT") }
        return try body()
    }

    /// A store error for a result code, with SQLite's message.
    func error(code: Int32, sql: String?) -> StoreError {
        StoreError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
