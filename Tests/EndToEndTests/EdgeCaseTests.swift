import Foundation
import Testing

/// The rows of the store's subscriptions, as `csw export` prints them,
/// without the export time, for comparing a store before and after.
private func exportedRows(_ sandbox: Sandbox) throws -> String {
    let result = try sandbox.csw(["export"])
    return result.stdout.split(separator: "\n").filter { !$0.contains("\"exported_at\"") }.joined(separator: "\n")
}

/// An export file with one entry whose fields `overrides` replaces.
private func exportFile(_ sandbox: Sandbox, overrides: [String: Any], format: Any? = "csw-export") throws -> String {
    var entry: [String: Any] = [
        "id": "sub_edge0000001", "url": "https://hooks.example.test/in", "events": ["users"],
        "secret": TestSecret.random(),
    ]
    for (key, value) in overrides { entry[key] = value }
    var document: [String: Any] = ["version": 1, "subscriptions": [entry]]
    if let format { document["format"] = format }
    let data = try JSONSerialization.data(withJSONObject: document)
    return try sandbox.write("import-\(UUID().uuidString.prefix(8)).json", String(decoding: data, as: UTF8.self))
}

@Suite("import rejects loosely typed entries")
struct ImportTypingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let key: String
        let value: String
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "enabled as a string", key: "enabled", value: "\"false\"", message: "\"enabled\" is a string"),
        Case(name: "enabled as a number", key: "enabled", value: "0", message: "\"enabled\" is a number"),
        Case(name: "enabled as null", key: "enabled", value: "null", message: "\"enabled\" is null"),
        Case(name: "private network as a string", key: "allow_private_network", value: "\"yes\"", message: "\"allow_private_network\" is a string"),
        Case(name: "created_at in words", key: "created_at", value: "\"yesterday\"", message: "\"created_at\" is \"yesterday\""),
        Case(name: "description as a number", key: "description", value: "5", message: "\"description\" is a number"),
        Case(name: "unused disabled_at in words", key: "disabled_at", value: "\"x\"", message: "\"disabled_at\" is \"x\""),
    ]

    @Test("field of the wrong type", arguments: cases)
    func wrongType(_ example: Case) throws {
        let sandbox = try Sandbox()
        let before = try exportedRows(sandbox)
        let value = try JSONSerialization.jsonObject(with: Data(example.value.utf8), options: .fragmentsAllowed)
        let file = try exportFile(sandbox, overrides: [example.key: value])
        let result = try sandbox.csw(["import", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains(example.message), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was imported"))
        #expect(try exportedRows(sandbox) == before)
    }

    @Test("file of another format")
    func otherFormat() throws {
        let sandbox = try Sandbox()
        let file = try exportFile(sandbox, overrides: [:], format: "other")
        let result = try sandbox.csw(["import", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not a csw export"))
    }
}

@Suite("stores that are not csw's")
struct ForeignStoreTests {
    @Test("reading commands create no store")
    func readingCreatesNothing() throws {
        let sandbox = try Sandbox()
        let path = sandbox.path("absent.db")
        for arguments in [["list"], ["deliveries"], ["config", "list"], ["__complete", "subscriptions"]] {
            let result = try sandbox.csw(arguments + ["--db", path])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path), "\(arguments) created the store")
        }
    }

    @Test("commands that change a store need one")
    func writingNeedsStore() throws {
        let sandbox = try Sandbox()
        let path = sandbox.path("absent.db")
        for arguments in [["retry"], ["fire", "-e", "user_created"], ["update", "sub_x", "--description", "x"], ["delete", "sub_x", "--yes"]] {
            let result = try sandbox.csw(arguments + ["--db", path])
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("there is no store at \(path)"), "\(arguments): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path), "\(arguments) created the store")
        }
    }

    @Test("another program's database is left alone")
    func foreignDatabase() throws {
        let sandbox = try Sandbox()
        let path = sandbox.path("other.sqlite")
        let created = try runProcess("/usr/bin/env", ["sqlite3", path, "CREATE TABLE t(a)"])
        #expect(created.status == 0)
        let result = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("database of another program"))
        let tables = try runProcess("/usr/bin/env", ["sqlite3", path, "SELECT group_concat(name) FROM sqlite_master"])
        #expect(tables.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "t")
    }

    @Test("forty processes create one new store")
    func concurrentCreation() throws {
        let sandbox = try Sandbox()
        let processes = try (0..<40).map { index in
            try sandbox.start(["subscribe", "--url", "https://h\(index).example.test/in", "-e", "users", "--quiet"])
        }
        let results = processes.map { $0.wait(timeout: 60) }
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        let listed = try sandbox.csw(["list", "--format", "tsv"])
        #expect(listed.stdout.split(separator: "\n").count == 40)
    }
}

@Suite("limits on what csw reads")
struct InputLimitTests {
    @Test("endless secret file fails fast", .timeLimit(.minutes(1)))
    func endlessSecret() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "--secret-file", "/dev/zero"], timeout: 20)
        #expect(result.status == 1)
        #expect(result.stderr.contains("larger than 64 KiB"))
    }

    @Test("endless data file fails fast", .timeLimit(.minutes(1)))
    func endlessData() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["fire", "-e", "user_created", "--data", "@/dev/zero", "--dry-run"], timeout: 20)
        #expect(result.status == 1)
        #expect(result.stderr.contains("larger than"))
    }

    @Test("secret and body cannot both use standard input")
    func verifyStdinConflict() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(
            ["verify", "--secret-file", "-", "--id", "msg_1", "--timestamp", "1", "--signature", "v1,AAAA"],
            stdin: Data((TestSecret.random() + "\n").utf8))
        #expect(result.status == 2)
        #expect(result.stderr.contains("--body-file"))
    }
}

@Suite("changes that keep the store as it was")
struct StoreConsistencyTests {
    @Test("redeliver of a deleted subscription changes nothing")
    func redeliverDeleted() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let id = try sandbox.subscribe(receiver.url("/in"))
        #expect(try sandbox.csw(["fire", "-e", "response_submitted", "-d", "planning"]).status == 0)
        let delivery = try #require(try sandbox.deliveries().first?["id"] as? String)
        #expect(try sandbox.csw(["delete", id, "--yes"]).status == 0)
        let result = try sandbox.csw(["redeliver", delivery])
        #expect(result.status == 1)
        #expect(result.stderr.contains("was deleted"))
        #expect(try sandbox.deliveries().first?["state"] as? String == "delivered")
    }

    @Test("deleting a subscription cancels its due deliveries")
    func deleteCancels() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let id = try sandbox.subscribe(receiver.url("/in?status=500"))
        #expect(try sandbox.csw(["fire", "-e", "response_submitted", "-d", "planning"]).status == 3)
        #expect(try sandbox.csw(["delete", id, "--yes"]).status == 0)
        let delivery = try #require(try sandbox.deliveries().first)
        #expect(delivery["state"] as? String == "cancelled")
        let due = try sandbox.csw(["retry", "--dry-run", "--json"])
        #expect(try jsonArray(due.stdout).isEmpty)
    }

    @Test("a duplicate kept with force allows other updates")
    func forcedDuplicateUpdates() throws {
        let sandbox = try Sandbox()
        let first = try sandbox.subscribe("https://hooks.example.test/in")
        let second = try sandbox.subscribe("https://hooks.example.test/in")
        #expect(first != second)
        let updated = try sandbox.csw(["update", second, "--description", "kept twice"])
        #expect(updated.status == 0, "\(updated.stderr)")
    }

    @Test("URL spellings of one receiver are duplicates")
    func normalisedDuplicates() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.csw(["subscribe", "--url", "https://Hooks.Example.test:443/in", "-e", "users"]).status == 0)
        let again = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "-e", "users"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("--force"))
    }

    @Test("dry runs print JSON when asked")
    func dryRunJSON() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.subscribe("https://hooks.example.test/in")
        let disabled = try sandbox.csw(["disable", id, "--dry-run", "--json"])
        #expect(try JSONSerialization.jsonObject(with: Data(disabled.stdout.utf8)) as? [String] == [id])
        let retried = try sandbox.csw(["retry", "--dry-run", "--json"])
        #expect(try jsonArray(retried.stdout).isEmpty)
    }

    @Test("unknown department in a bulk change is warned about")
    func unknownDepartmentWarning() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.subscribe("https://hooks.example.test/in", departments: ["planning"])
        let result = try sandbox.csw(["disable", "--department", "plannnig", "--yes"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("no subscription is limited to department 'plannnig'"))
    }
}

@Suite("in-run retries and long Retry-After")
struct LongRetryAfterTests {
    @Test("a wait past five minutes is left to csw retry")
    func longWaitNotRetriedInRun() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        _ = try sandbox.subscribe(receiver.url("/in?status=429&retry_after=3600"))
        let started = Date()
        let fired = try sandbox.csw(["fire", "-e", "response_submitted", "-d", "planning", "--retries", "2"])
        #expect(fired.status == 3)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(fired.stderr.contains("asked to wait 3600 s"))
        #expect(try receiver.records().count == 1)
        let delivery = try #require(try sandbox.deliveries().first)
        let next = try #require(delivery["next_attempt_at"] as? String)
        let formatter = ISO8601DateFormatter()
        let due = try #require(formatter.date(from: next))
        #expect(due.timeIntervalSinceNow > 3500)
    }
}
