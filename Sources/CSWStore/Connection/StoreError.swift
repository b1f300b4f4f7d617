import CSQLite
import CSWCore

/// A failure of the store: the SQLite result code, SQLite's message, and a
/// sentence for people that says what to do.
///
/// Bound values are never part of the message, since they may be secrets.
package struct StoreError: ReportableError {
    package let code: Int32
    package let message: String
    /// The SQL that failed, shown only under `--verbose`.
    package let sql: String?
    package var exitStatus: ExitStatus { .failure }

    package init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// Whether SQLite reported the database as busy or locked.
    package var isBusy: Bool {
        let primary = code & 0xFF
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED
    }
}
