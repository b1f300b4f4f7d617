import CSWStore
import Foundation
import Testing

/// Reads the permission bits of a file or folder.
private func mode(of path: String) throws -> Int {
    try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
}

@Suite("store files that cannot be used")
struct StoreOpenFailureTests {
    @Test("a file of random text is not a store", arguments: [["list"], ["subscribe", "--url", "https://hooks.example.test/in", "-e", "users"], ["export"]])
    func notADatabase(arguments: [String]) throws {
        let sandbox = try Sandbox()
        try FileManager.default.createDirectory(atPath: sandbox.path("store"), withIntermediateDirectories: true)
        let junk = (0..<4096).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789 \n".randomElement()! }
        try sandbox.write("store/csw.db", String(junk))
        let before = try Data(contentsOf: URL(fileURLWithPath: sandbox.storePath))

        let result = try sandbox.csw(arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(sandbox.storePath) is not a csw store"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("point --db or CSW_DB at another file"))
        #expect(lines(result.stderr).count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.storePath)) == before)
    }

    @Test("a newer schema is rejected and left alone", arguments: [["list"], ["subscribe", "--url", "https://hooks.example.test/in", "-e", "users"]])
    func newerSchema(arguments: [String]) throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/first")
        try sandbox.sqlite("PRAGMA user_version = 99")
        let before = try sandbox.snapshot()

        let result = try sandbox.csw(arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains("has schema version 99, newer than this csw understands (\(Schema.currentVersion)); use a newer csw"))
        #expect(try sandbox.snapshot() == before)
    }

    @Test("a file without read permission cannot be opened", .enabled(if: Unprivileged.isAvailable, "\(Unprivileged.unavailableReason ?? "")"))
    func noPermission() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/first")
        try Unprivileged.takeOwnership(of: sandbox.path("store"))
        #expect(chmod(sandbox.storePath, 0o000) == 0)
        defer { chmod(sandbox.storePath, 0o600) }

        for arguments in [["list"], ["subscribe", "--url", "https://hooks.example.test/second", "-e", "users"]] {
            let result = try Unprivileged.csw(sandbox, arguments)
            #expect(result.status == 1, "csw \(arguments[0])")
            #expect(result.stderr.contains("cannot open the store \(sandbox.storePath)"), "stderr: \(result.stderr)")
            #expect(result.stderr.contains("check the file's owner and permissions"))
        }
        chmod(sandbox.storePath, 0o600)
        #expect(try sandbox.subscriptionCount() == 1)
    }

    @Test("a read-only folder blocks writes and allows reads", .enabled(if: Unprivileged.isAvailable, "\(Unprivileged.unavailableReason ?? "")"))
    func readOnlyFolder() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/first")
        let folder = sandbox.path("store")
        try Unprivileged.takeOwnership(of: folder)
        #expect(chmod(folder, 0o555) == 0)
        defer { chmod(folder, 0o700) }
        let before = try sandbox.snapshot()

        let writes: [[String]] = [
            ["subscribe", "--url", "https://hooks.example.test/second", "-e", "users"], ["disable", id],
            ["update", id, "--description", "x"], ["delete", "--yes", id],
        ]
        for arguments in writes {
            let result = try Unprivileged.csw(sandbox, arguments)
            #expect(result.status == 1, "csw \(arguments[0]) in a read-only folder")
            #expect(result.stderr.contains("its folder \(folder) is not writable"), "stderr: \(result.stderr)")
            #expect(result.stderr.contains("chmod u+w \(folder)"), "stderr: \(result.stderr)")
        }

        let list = try Unprivileged.csw(sandbox, ["list", "--format", "tsv"])
        #expect(list.status == 0, "stderr: \(list.stderr)")
        #expect(list.stdout.hasPrefix(id))
        let show = try Unprivileged.csw(sandbox, ["show", id])
        #expect(show.status == 0, "stderr: \(show.stderr)")
        let export = try Unprivileged.csw(sandbox, ["export"])
        #expect(export.status == 0, "stderr: \(export.stderr)")
        #expect(export.stdout.contains(id))
        let dryRun = try Unprivileged.csw(sandbox, ["disable", id, "--dry-run"])
        #expect(dryRun.status == 0, "a dry run only reads: \(dryRun.stderr)")
        #expect(try sandbox.snapshot() == before)
    }
}

@Suite("store creation and migration")
struct StoreMigrationTests {
    @Test("csw creates the folder 0700 and the file 0600")
    func createdModes() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/first")
        #expect(try mode(of: sandbox.path("store")) == 0o700)
        #expect(try mode(of: sandbox.storePath) == 0o600)
    }

    @Test("nested missing folders are created")
    func nestedFolders() throws {
        let sandbox = try Sandbox()
        let path = sandbox.path("a/b/c/csw.db")
        let result = try sandbox.csw(["--db", path, "subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "-q"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try mode(of: sandbox.path("a/b/c")) == 0o700)
        #expect(try mode(of: path) == 0o600)
    }

    @Test("a store readable by others gets a warning")
    func openStoreWarning() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/first")
        #expect(chmod(sandbox.storePath, 0o644) == 0)
        let result = try sandbox.csw(["list"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: the store \(sandbox.storePath) can be read by other users"))
        #expect(result.stderr.contains("chmod 600 \(sandbox.storePath)"))
        #expect(!result.stdout.contains("warning"))

        #expect(chmod(sandbox.storePath, 0o600) == 0)
        #expect(try sandbox.csw(["list"]).stderr.isEmpty)
    }

    @Test("an open csw folder gets a warning")
    func openFolderWarning() throws {
        let sandbox = try Sandbox()
        let folder = sandbox.path("data/csw")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(chmod(folder, 0o755) == 0)
        let result = try sandbox.csw(["--db", folder + "/csw.db", "subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "-q"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("the folder \(folder) of the store is open to other users; run 'chmod 700 \(folder)'"))
    }

    @Test("an empty file migrates to the current version")
    func emptyFileMigrates() throws {
        let sandbox = try Sandbox()
        try FileManager.default.createDirectory(atPath: sandbox.path("store"), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: sandbox.storePath, contents: Data()))
        let result = try sandbox.csw(["list"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try sandbox.sqlite("PRAGMA user_version") == "\(Schema.currentVersion)\n")
        let tables = try sandbox.sqlite("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        #expect(tables == "attempts\ndeliveries\nfired_events\nsettings\nsubscription_departments\nsubscription_events\nsubscriptions\n")
        #expect(try sandbox.sqlite("PRAGMA journal_mode") == "wal\n")
    }

    @Test("a second process does not migrate again")
    func secondProcess() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/first")
        let schema = try sandbox.sqlite("SELECT sql FROM sqlite_master ORDER BY name")
        let before = try sandbox.snapshot()

        for arguments in [["list"], ["show", "sub_"], ["export"], ["events", "show", "user_deleted"]] {
            let result = try sandbox.csw(arguments)
            #expect(result.status == 0, "csw \(arguments[0]): \(result.stderr)")
        }
        #expect(try sandbox.snapshot() == before, "reading commands changed the store file")
        #expect(try sandbox.sqlite("SELECT sql FROM sqlite_master ORDER BY name") == schema)
        #expect(try sandbox.sqlite("PRAGMA user_version") == "\(Schema.currentVersion)\n")
    }

    @Test("processes racing to create the store all succeed", .timeLimit(.minutes(2)))
    func racingCreation() throws {
        let sandbox = try Sandbox()
        let processes = try (1...8).map { number in
            try sandbox.start(["subscribe", "--url", "https://hooks.example.test/race\(number)", "-e", "users", "-q"])
        }
        let results = processes.map { $0.wait(timeout: 60) }
        for (index, result) in results.enumerated() {
            #expect(result.status == 0, "process \(index + 1): \(result.stderr)")
            #expect(result.stderr.isEmpty, "process \(index + 1): \(result.stderr)")
        }
        #expect(try sandbox.subscriptionCount() == 8)
        #expect(try sandbox.sqlite("PRAGMA user_version") == "\(Schema.currentVersion)\n")
    }

    @Test("reading a missing store creates nothing")
    func readingMissingStore() throws {
        let sandbox = try Sandbox()
        for arguments in [["list"], ["list", "--json"], ["export"], ["show", "sub_abc"]] {
            _ = try sandbox.csw(arguments)
        }
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("store")))
    }

    @Test("no WAL or shared-memory file is left behind")
    func noLeftoverFiles() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/first")
        _ = try sandbox.csw(["list"])
        let files = try FileManager.default.contentsOfDirectory(atPath: sandbox.path("store"))
        #expect(files == ["csw.db"])
    }
}
