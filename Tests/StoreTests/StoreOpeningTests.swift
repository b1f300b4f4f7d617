import CSWCore
import CSWStore
import Foundation
import Testing

@Suite("opening a store")
struct StoreOpeningTests {
    @Test("a new store is created private and migrated")
    func newStore() throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        #expect(permissions(of: folder.file("csw")) == 0o700)
        #expect(permissions(of: folder.file("csw/csw.db")) == 0o600)
        #expect(try integer("PRAGMA user_version", in: store) == Int64(Schema.currentVersion))
        #expect(try store.connection.statement("PRAGMA journal_mode").first { $0.text(0) } == "wal")
        #expect(try integer("PRAGMA foreign_keys", in: store) == 1)
        #expect(store.warnings.isEmpty)
        #expect(!store.isReadOnly)
    }

    @Test("reading a missing store creates nothing")
    func missingStoreForReading() throws {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("absent/csw.db"), forWriting: false)
        #expect(try store.subscriptions().isEmpty)
        #expect(try store.setting("site-url") == nil)
        #expect(!FileManager.default.fileExists(atPath: folder.file("absent")))
    }

    @Test("reopening keeps the data and the version")
    func reopen() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("csw/csw.db")
        do {
            let store = try Store(path: path, forWriting: true)
            try insert([makeSubscription("sub_kept")], into: store)
        }
        let again = try Store(path: path, forWriting: true)
        #expect(try again.subscriptions().map(\.id) == ["sub_kept"])
        #expect(try integer("PRAGMA user_version", in: again) == Int64(Schema.currentVersion))
        let reader = try Store(path: path, forWriting: false)
        #expect(try reader.subscriptions().map(\.id) == ["sub_kept"])
    }

    @Test("a failed migration leaves the file unmigrated")
    func failedMigrationRollsBack() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("clash.db")
        do {
            let connection = try Connection(path: path)
            try connection.execute("CREATE TABLE settings (anything TEXT)")
        }
        #expect(throws: StoreError.self) { try Store(path: path, forWriting: true) }
        let connection = try Connection(path: path)
        #expect(try connection.statement("PRAGMA user_version").first { $0.integer(0) } == 0)
        let tables = try connection.statement("SELECT name FROM sqlite_master WHERE type = 'table'").rows { $0.text(0) }
        #expect(tables == ["settings"], "the tables created before the clash were rolled back")
    }

    @Test("a newer schema version is rejected")
    func newerSchema() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("newer.db")
        do {
            let connection = try Connection(path: path)
            try connection.execute("PRAGMA user_version = 99")
        }
        let error = try #require(throws: StoreError.self) { try Store(path: path, forWriting: true) }
        #expect(error.message.contains("has schema version 99, newer than this csw understands (\(Schema.currentVersion))"))
        let connection = try Connection(path: path)
        #expect(try connection.statement("SELECT count(*) FROM sqlite_master").first { $0.integer(0) } == 0)
    }

    @Test("a file that is not SQLite is rejected and kept")
    func notADatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("notes.txt")
        let text = String(repeating: "shopping list: eggs, flour, milk\n", count: 200)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        for forWriting in [true, false] {
            let error = try #require(throws: StoreError.self) { try Store(path: path, forWriting: forWriting) }
            #expect(error.message.contains("\(path) is not a csw store"))
            #expect(error.exitStatus == .failure)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test("a store readable by others gets a warning")
    func permissionWarning() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("csw/csw.db")
        _ = try Store(path: path, forWriting: true)
        #expect(chmod(path, 0o644) == 0)
        let store = try Store(path: path, forWriting: false)
        #expect(store.warnings.count == 1)
        #expect(store.warnings.first?.contains("run 'chmod 600 \(path)'") == true)
        #expect(chmod(folder.file("csw"), 0o755) == 0)
        #expect(try Store(path: path, forWriting: false).warnings.count == 2)
    }

    @Test("a shared folder not named csw gets no folder warning")
    func sharedFolder() throws {
        let folder = try TemporaryFolder()
        #expect(chmod(folder.path, 0o755) == 0)
        let store = try Store(path: folder.file("mine.db"), forWriting: true)
        #expect(store.warnings.isEmpty)
    }

    @Test("the option path wins")
    func optionPath() {
        #expect(Store.defaultPath(option: "/srv/csw/hooks.db") == "/srv/csw/hooks.db")
    }

    /// SQLite result codes and a fragment of the sentence `explain` makes of them.
    @Test("errors are explained with the fix", arguments: [
        (Int32(26), "is not a csw store"),
        (Int32(11), "is not a csw store"),
        (Int32(5), "stayed locked by another process"),
        (Int32(5 | (2 << 8)), "stayed locked by another process"),
        (Int32(6), "stayed locked by another process"),
        (Int32(8), "check that the file and its folder"),
        (Int32(14), "check the file's owner and permissions"),
        (Int32(3), "check the file's owner and permissions"),
        (Int32(13), "is full; nothing was changed"),
    ])
    func explain(code: Int32, fragment: String) throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        let explained = store.explain(StoreError(code: code, message: "sqlite text", sql: "SELECT 1"))
        #expect(explained.message.contains(fragment), "code \(code): \(explained.message)")
        #expect(explained.message.contains(store.path))
        #expect(explained.code == code)
        #expect(explained.sql == "SELECT 1")
    }

    @Test("busy and locked codes count as busy", arguments: [(Int32(5), true), (Int32(6), true), (Int32(5 | (3 << 8)), true), (Int32(1), false)])
    func isBusy(code: Int32, busy: Bool) {
        #expect(StoreError(code: code, message: "").isBusy == busy)
    }
}

@Suite("store transactions")
struct StoreTransactionTests {
    private struct Abort: Error {}

    @Test("an error inside write rolls everything back")
    func rollback() throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        #expect(throws: Abort.self) {
            try store.write {
                try store.insert(makeSubscription("sub_first"))
                try store.setSetting("site-url", to: "https://example.test")
                throw Abort()
            }
        }
        #expect(try store.subscriptions().isEmpty)
        #expect(try store.setting("site-url") == nil)
        try insert([makeSubscription("sub_after")], into: store)
        #expect(try store.subscriptions().map(\.id) == ["sub_after"])
    }

    @Test("a constraint failure is a store error and rolls back")
    func constraintFailure() throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        try insert([makeSubscription("sub_same")], into: store)
        let error = try #require(throws: StoreError.self) {
            try insert([makeSubscription("sub_other"), makeSubscription("sub_same", url: "https://hooks.example.test/x")], into: store)
        }
        #expect(error.code & 0xFF == 19, "SQLITE_CONSTRAINT")
        #expect(try store.subscriptions().map(\.id) == ["sub_same"])
    }

    @Test("a second connection sees committed writes only")
    func isolation() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("csw/csw.db")
        let writer = try Store(path: path, forWriting: true)
        let reader = try Store(path: path, forWriting: false)
        try writer.connection.execute("BEGIN IMMEDIATE")
        try writer.insert(makeSubscription("sub_pending"))
        #expect(try reader.subscriptions().isEmpty)
        try writer.connection.execute("COMMIT")
        #expect(try reader.subscriptions().map(\.id) == ["sub_pending"])
    }

    @Test("a write waits for another connection's lock")
    func busyTimeout() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("csw/csw.db")
        let holder = try Store(path: path, forWriting: true)
        let waiter = try Store(path: path, forWriting: true)
        try holder.connection.execute("BEGIN IMMEDIATE")
        let release = Thread {
            Thread.sleep(forTimeInterval: 0.5)
            try? holder.connection.execute("COMMIT")
        }
        let start = Date()
        release.start()
        try insert([makeSubscription("sub_waited")], into: waiter)
        #expect(Date().timeIntervalSince(start) >= 0.4)
        #expect(try waiter.subscriptions().map(\.id) == ["sub_waited"])
    }
}
