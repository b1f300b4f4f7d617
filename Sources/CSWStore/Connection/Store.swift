import CSQLite
import CSWCore

#if canImport(Glibc)
import Glibc
#endif

/// The csw store: an SQLite file in WAL mode holding subscriptions, the
/// delivery log and settings.
package final class Store {
    package let path: String
    package let connection: Connection
    package let isReadOnly: Bool
    /// Warnings found while opening, such as a store readable by others.
    package private(set) var warnings: [String] = []

    /// How long a write waits for another csw process to release the lock.
    package static let busyTimeoutMilliseconds: Int32 = 15_000

    /// Where the store is: `--db`, else `$CSW_DB`, else
    /// `$XDG_DATA_HOME/csw/csw.db`, else `~/.local/share/csw/csw.db`.
    package static func defaultPath(option: String?) -> String {
        if let option, !option.isEmpty { return option }
        if let path = System.environment("CSW_DB"), !path.isEmpty { return path }
        if let data = System.environment("XDG_DATA_HOME"), data.hasPrefix("/") { return data + "/csw/csw.db" }
        return (System.environment("HOME") ?? "") + "/.local/share/csw/csw.db"
    }

    /// Opens the store, creating it and its folder on first use.
    ///
    /// - Parameter forWriting: false for commands that only read; those
    ///   still work when the folder is read-only.
    /// - Throws: `StoreError` with a sentence naming the path and the fix.
    package init(path: String, forWriting: Bool) throws {
        self.path = path
        let folder = Files.directoryName(path)
        let exists = Files.exists(path)
        if !exists && !forWriting {
            // Reading a store that does not exist yet: an empty one in memory
            // returns the same results without creating files.
            connection = try Connection(path: ":memory:")
            isReadOnly = false
            try configure(journal: false)
            return
        }
        let folderWritable = Files.exists(folder) ? access(folder, W_OK) == 0 : true
        if !folderWritable && (forWriting || !exists) {
            throw StoreError(code: SQLITE_READONLY, message: "cannot write to the store \(path): its folder \(folder) is not writable, and SQLite needs to create its -wal and -shm files there; run 'chmod u+w \(folder)'")
        }
        if !exists { try Store.createFile(path: path, folder: folder) }
        warnings = Store.permissionWarnings(path: path, folder: folder)
        if folderWritable {
            connection = try Store.open(path, readOnly: false)
            isReadOnly = false
        } else {
            let uri = Files.exists(path + "-shm") ? "file:\(Store.uriEscaped(path))?mode=ro" : "file:\(Store.uriEscaped(path))?immutable=1"
            connection = try Store.open(uri, readOnly: true)
            isReadOnly = true
        }
        try configureWaitingForLocks(journal: !isReadOnly)
    }

    /// Configures the connection, trying again while another process holds
    /// a lock. Switching a new file to WAL mode and creating the schema take
    /// locks that SQLite does not always wait for through the busy timeout,
    /// so processes that open a new store at once would otherwise fail.
    private func configureWaitingForLocks(journal: Bool) throws {
        let deadline = Clock.monotonicMilliseconds() + Int64(Store.busyTimeoutMilliseconds)
        while true {
            do {
                return try configure(journal: journal)
            } catch let error as StoreError where error.isBusy && Clock.monotonicMilliseconds() < deadline {
                System.sleep(milliseconds: 10 + Int(System.pooledRandomBytes(count: 1)[0] % 40))
            }
        }
    }

    private static func open(_ path: String, readOnly: Bool) throws -> Connection {
        do {
            return try Connection(path: path, readOnly: readOnly, create: false)
        } catch let error as StoreError {
            throw StoreError(code: error.code, message: "cannot open the store \(path): \(error.message); check the file's owner and permissions")
        }
    }

    private func configure(journal: Bool) throws {
        connection.setBusyTimeout(milliseconds: Store.busyTimeoutMilliseconds)
        do {
            if journal {
                try connection.execute("PRAGMA synchronous = NORMAL")
            }
            try connection.execute("PRAGMA foreign_keys = ON")
            try migrate()
        } catch let error as StoreError {
            throw explain(error)
        }
    }

    /// Rewrites an SQLite error as a sentence that names the file and the fix.
    package func explain(_ error: StoreError) -> StoreError {
        let primary = error.code & 0xFF
        switch primary {
        case SQLITE_NOTADB, SQLITE_CORRUPT:
            return StoreError(code: error.code, message: "\(path) is not a csw store (SQLite reported: \(error.message)); point --db or CSW_DB at another file", sql: error.sql)
        case SQLITE_BUSY, SQLITE_LOCKED:
            return StoreError(code: error.code, message: "the store \(path) stayed locked by another process for more than \(Store.busyTimeoutMilliseconds / 1000) s; nothing was changed, try again", sql: error.sql)
        case SQLITE_READONLY:
            return StoreError(code: error.code, message: "cannot write to the store \(path) (SQLite reported: \(error.message)); check that the file and its folder \(Files.directoryName(path)) are writable", sql: error.sql)
        case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH:
            return StoreError(code: error.code, message: "cannot open the store \(path) (SQLite reported: \(error.message)); check the file's owner and permissions", sql: error.sql)
        case SQLITE_FULL:
            return StoreError(code: error.code, message: "the disk holding \(path) is full; nothing was changed", sql: error.sql)
        default:
            return error
        }
    }

    /// Runs `body` in a write transaction, with errors explained.
    package func write<T>(_ body: () throws -> T) throws -> T {
        if isReadOnly {
            throw StoreError(code: SQLITE_READONLY, message: "cannot write to the store \(path): its folder is not writable; run 'chmod u+w \(Files.directoryName(path))'")
        }
        do {
            return try connection.write(body)
        } catch let error as StoreError {
            throw explain(error)
        }
    }

    /// Runs `body` in a read transaction, with errors explained.
    package func read<T>(_ body: () throws -> T) throws -> T {
        do {
            return try connection.read(body)
        } catch let error as StoreError {
            throw explain(error)
        }
    }

    private func version() throws -> Int {
        Int(try connection.statement("PRAGMA user_version").first { $0.integer(0) } ?? 0)
    }

    private func migrate() throws {
        let found = try version()
        if found > Schema.currentVersion {
            throw StoreError(code: SQLITE_ERROR, message: "the store \(path) has schema version \(found), newer than this csw understands (\(Schema.currentVersion)); use a newer csw")
        }
        if found == 0 {
            // One statement reads both from one snapshot, so a csw process
            // creating the schema at this moment is not mistaken for another program.
            let (version, tables) = try connection.statement(
                "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)"
            ).first { ($0.integer(0), $0.integer(1)) } ?? (0, 0)
            if version == 0 && tables > 0 {
                throw StoreError(code: SQLITE_ERROR, message: "\(path) is an SQLite database of another program, not a csw store; point --db or CSW_DB at a new file")
            }
        }
        if found == Schema.currentVersion || isReadOnly { return }
        // WAL mode is stored in the file, so it is set once, when the schema
        // is created or upgraded, not on every open.
        try connection.execute("PRAGMA journal_mode = WAL")
        try connection.write {
            // Another process may have migrated while this one waited for the lock.
            let start = try version()
            for number in start..<Schema.currentVersion {
                try connection.execute(Schema.migrations[number])
                try connection.execute("PRAGMA user_version = \(number + 1)")
            }
        }
    }

    /// Creates the folder (0700) and an empty file (0600) before SQLite opens it.
    private static func createFile(path: String, folder: String) throws {
        do {
            try Files.makeDirectories(folder, mode: 0o700)
            let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if descriptor < 0 && errno != EEXIST { throw SystemError("open", subject: path) }
            if descriptor >= 0 { close(descriptor) }
        } catch let error as SystemError {
            throw StoreError(code: SQLITE_CANTOPEN, message: "cannot create the store \(path): \(error.reason); check that \(folder) is writable")
        }
    }

    private static func permissionWarnings(path: String, folder: String) -> [String] {
        var warnings: [String] = []
        if let info = Files.status(path), info.st_mode & 0o077 != 0 {
            warnings.append("the store \(path) can be read by other users, and it holds signing secrets; run 'chmod 600 \(path)'")
        }
        // Only csw's own folder is checked, not a shared one such as /tmp.
        if folder.hasSuffix("/csw"), let info = Files.status(folder), info.st_mode & 0o077 != 0 {
            warnings.append("the folder \(folder) of the store is open to other users; run 'chmod 700 \(folder)'")
        }
        return warnings
    }

    private static func uriEscaped(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"):
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            default:
                result.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return result
    }
}
