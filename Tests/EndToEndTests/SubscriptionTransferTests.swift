import Foundation
import Testing

/// Makes one valid export entry, which a case changes to make it invalid.
private func validEntry(id: String = "sub_imported0001", url: String = "https://hooks.example.test/imported") -> [String: Any] {
    [
        "id": id, "url": url, "events": ["response_submitted", "users"], "departments": ["planning"],
        "description": "imported", "headers": [["name": "X-Team", "value": "planning"]], "enabled": true,
        "allow_private_network": false, "secret": randomSecretText(),
        "created_at": "2026-01-02T03:04:05Z", "updated_at": "2026-01-02T03:04:05Z",
    ]
}

/// Wraps entries in an export document.
private func exportDocument(_ entries: [[String: Any]]) -> [String: Any] {
    ["format": "csw-export", "version": 1, "exported_at": "2026-01-02T03:04:05Z", "subscriptions": entries]
}

/// A change to the second entry of an import file that makes it invalid.
struct BadEntry: Sendable, CustomTestStringConvertible {
    let name: String
    let field: String
    /// The new value as JSON text; `nil` removes the field.
    let json: String?
    let message: String
    var testDescription: String { name }
}

@Suite("export and import")
struct ExportImportTests {
    /// Fills a store with subscriptions that use every exported field.
    private func fillStore(_ sandbox: Sandbox) throws {
        let secret = try sandbox.write("secret", randomSecretText(byteCount: 64) + "\n")
        _ = try sandbox.addSubscription("https://ops:Tr0ub4dor@hooks.example.test/in?token=demo123", ["-e", "response_submitted", "-d", "planning"])
        _ = try sandbox.addSubscription("https://hooks.example.test/groups", [
            "-e", "responses", "-e", "user_deleted", "-d", "planning", "-d", "housing", "-d", "Parks & Gardens",
            "--description", "tab\tquote\" backslash\\ unicode é ✓", "-H", "X-Team: planning", "-H", "Authorization: Bearer abc",
            "--secret-file", secret,
        ])
        _ = try sandbox.addSubscription("http://127.0.0.1:9/local", ["-e", "*", "--allow-private-network"])
        let disabled = try sandbox.addSubscription("https://hooks.example.test/disabled", ["-e", "activities"])
        #expect(try sandbox.csw(["disable", disabled, "--reason", "receiver retired"]).status == 0)
        _ = try sandbox.addSubscription("https://hooks.example.test/created-disabled", ["-e", "user_created", "--disabled"])
        _ = try sandbox.addSubscription("https://hooks.example.test/last", ["-e", "users"])
    }

    @Test("round trip reproduces the export byte for byte")
    func roundTrip() throws {
        let source = try Sandbox()
        try fillStore(source)
        let exported = try source.csw(["export"])
        #expect(exported.status == 0)
        #expect(exported.stderr.isEmpty)
        let file = try source.write("export.json", exported.stdout)

        let target = try Sandbox()
        let imported = try target.csw(["import", file])
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        #expect(imported.stdout == "imported 6 subscriptions\n")
        #expect(try target.exportWithoutTimestamp() == (try source.exportWithoutTimestamp()))

        let document = try parseJSONObject(exported.stdout)
        #expect(document["format"] as? String == "csw-export")
        #expect(document["version"] as? Int == 1)
        #expect(document["exported_at"] is String)
        let entries = try #require(document["subscriptions"] as? [[String: Any]])
        #expect(entries.count == 6)
        #expect(entries.allSatisfy { ($0["secret"] as? String)?.hasPrefix("whsec_") == true })
        #expect(entries.allSatisfy { $0["secret_fingerprint"] == nil })
    }

    @Test("import from standard input")
    func standardInput() throws {
        let source = try Sandbox()
        try fillStore(source)
        let exported = try source.csw(["export"]).stdoutBytes
        let target = try Sandbox()
        let result = try target.csw(["import", "-", "--json"], stdin: exported)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let ids = try parseJSON(result.stdout) as? [String]
        #expect(ids?.count == 6)
        #expect(try target.exportWithoutTimestamp() == (try source.exportWithoutTimestamp()))
    }

    @Test("export to a file is readable by its owner only")
    func exportFileMode() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/in")
        let path = sandbox.path("backup.json")
        let result = try sandbox.csw(["export", "--output", path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Exported 1 subscription to \(path)."))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let document = try parseJSONObject(try String(contentsOfFile: path, encoding: .utf8))
        #expect((document["subscriptions"] as? [Any])?.count == 1)
    }

    @Test("export of an empty store has no entries")
    func emptyExport() throws {
        let result = try Sandbox().csw(["export"])
        #expect(result.status == 0)
        let document = try parseJSONObject(result.stdout)
        #expect((document["subscriptions"] as? [Any])?.isEmpty == true)
    }

    @Test("dry run checks everything and writes nothing")
    func dryRun() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/kept")
        let before = try sandbox.snapshot()
        let file = try sandbox.writeJSON("import.json", exportDocument([validEntry()]))
        let result = try sandbox.csw(["import", "--dry-run", file])
        #expect(result.status == 0)
        #expect(result.stdout.contains("would import 1 subscription"))
        #expect(try sandbox.snapshot() == before)

        var duplicate = validEntry(url: "https://hooks.example.test/kept")
        duplicate["events"] = ["users"]
        duplicate["departments"] = []
        let rejected = try sandbox.csw(["import", "-n", try sandbox.writeJSON("dup.json", exportDocument([duplicate]))])
        #expect(rejected.status == 1, "a dry run still checks for duplicates")
        #expect(rejected.stderr.contains("has the same URL, events and departments"))
        #expect(try sandbox.snapshot() == before)
    }

    @Test("imported fields arrive as written")
    func importedFields() throws {
        let sandbox = try Sandbox()
        var entry = validEntry()
        entry["enabled"] = false
        entry["disabled_reason"] = "paused"
        entry["disabled_at"] = "2026-01-03T00:00:00Z"
        let file = try sandbox.writeJSON("import.json", exportDocument([entry]))
        #expect(try sandbox.csw(["import", file]).status == 0)
        let shown = try parseJSONObject(try sandbox.csw(["show", "sub_imported0001", "--json", "--show-secret"]).stdout)
        #expect(shown["url"] as? String == "https://hooks.example.test/imported")
        #expect(shown["events"] as? [String] == ["response_submitted", "user_created", "user_suspended", "user_reinstated", "user_profile_edited", "user_deleted"])
        #expect(shown["departments"] as? [String] == ["planning"])
        #expect(shown["secret"] as? String == entry["secret"] as? String)
        #expect(shown["enabled"] as? Bool == false)
        #expect(shown["disabled_reason"] as? String == "paused")
        #expect(shown["disabled_at"] as? String == "2026-01-03T00:00:00Z")
        #expect(shown["created_at"] as? String == "2026-01-02T03:04:05Z")
    }

    @Test("one bad entry imports nothing", arguments: [
        BadEntry(name: "header injection", field: "headers", json: #"[{"name":"X-Dept","value":"a\r\nX-Injected: 1"}]"#, message: "line break"),
        BadEntry(name: "reserved header", field: "headers", json: #"[{"name":"content-type","value":"text/plain"}]"#, message: "set by csw itself"),
        BadEntry(name: "header without value", field: "headers", json: #"[{"name":"X-A"}]"#, message: "needs a \"name\" and a \"value\""),
        BadEntry(name: "ftp URL", field: "url", json: #""ftp://hooks.example.test/x""#, message: "must be http or https"),
        BadEntry(name: "URL with fragment", field: "url", json: #""https://hooks.example.test/x#y""#, message: "fragment"),
        BadEntry(name: "loopback URL without private network", field: "url", json: #""http://127.0.0.1/x""#, message: "loopback"),
        BadEntry(name: "missing URL", field: "url", json: nil, message: "\"url\" is missing"),
        BadEntry(name: "unknown event", field: "events", json: #"["response_submited"]"#, message: "did you mean 'response_submitted'"),
        BadEntry(name: "no events", field: "events", json: "[]", message: "non-empty array"),
        BadEntry(name: "event not a string", field: "events", json: "[1]", message: "not an event name"),
        BadEntry(name: "empty department", field: "departments", json: #"[""]"#, message: "the department is empty"),
        BadEntry(name: "department with line feed", field: "departments", json: #"["a\nb"]"#, message: "control character"),
        BadEntry(name: "secret without prefix", field: "secret", json: #""plain-text-pass""#, message: "does not start with"),
        BadEntry(name: "secret too short", field: "secret", json: #""whsec_AQEBAQEBAQE=""#, message: "its key is 8 bytes"),
        BadEntry(name: "secret with trailing space", field: "secret", json: #""whsec_AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB ""#, message: "whitespace"),
        BadEntry(name: "id without prefix", field: "id", json: #""abc""#, message: "invalid id 'abc'"),
        BadEntry(name: "id with a space", field: "id", json: #""sub_a b""#, message: "invalid id"),
        BadEntry(name: "id not a string", field: "id", json: "7", message: "\"id\" is missing or not a string"),
    ])
    func badEntry(_ bad: BadEntry) throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/kept")
        let before = try sandbox.snapshot()
        var second = validEntry(id: "sub_imported0002", url: "https://hooks.example.test/second")
        if let json = bad.json {
            second[bad.field] = try parseJSON(json)
        } else {
            second.removeValue(forKey: bad.field)
        }
        let file = try sandbox.writeJSON("import.json", exportDocument([validEntry(), second]))
        let result = try sandbox.csw(["import", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("entry 2"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains(bad.message), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("nothing was imported"))
        #expect(lines(result.stderr).count == 1, "stderr: \(result.stderr)")
        #expect(try sandbox.snapshot() == before)
    }

    @Test("duplicates are rejected and nothing is imported")
    func duplicates() throws {
        let sandbox = try Sandbox()
        let existing = try sandbox.addSubscription("https://hooks.example.test/kept", ["-e", "users"])
        let before = try sandbox.snapshot()

        var sameID = validEntry(id: existing, url: "https://hooks.example.test/new")
        sameID["events"] = ["users"]
        var sameScope = validEntry(id: "sub_samescope001", url: "https://hooks.example.test/kept")
        sameScope["events"] = ["user_created", "user_suspended", "user_reinstated", "user_profile_edited", "user_deleted"]
        sameScope["departments"] = []
        let cases: [(String, [[String: Any]], String)] = [
            ("id already in the store", [validEntry(), sameID], "subscription \(existing) is already in the store"),
            ("same URL and scope as the store", [validEntry(), sameScope], "has the same URL, events and departments as \(existing) in the store"),
            ("id twice in the file", [validEntry(), validEntry(url: "https://hooks.example.test/other")], "sub_imported0001 appears twice"),
            ("scope twice in the file", [validEntry(), validEntry(id: "sub_imported0002")], "has the same URL, events and departments as sub_imported0001"),
        ]
        for (name, entries, message) in cases {
            let file = try sandbox.writeJSON("import-\(entries.count)-\(name.count).json", exportDocument(entries))
            let result = try sandbox.csw(["import", file])
            #expect(result.status == 1, "\(name)")
            #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
            #expect(result.stderr.contains("nothing was imported"), "\(name)")
            #expect(try sandbox.snapshot() == before, "\(name) changed the store")
        }
    }

    @Test("files that are not exports are rejected", arguments: [
        ("not JSON", "subscriptions: []", "is not valid JSON"),
        ("trailing comma", #"{"subscriptions": [],}"#, "is not valid JSON"),
        ("no subscriptions array", #"{"format": "csw-export"}"#, "has no \"subscriptions\" array"),
        ("newer format", #"{"format": "csw-export", "version": 2, "subscriptions": []}"#, "export format version 2, newer"),
    ])
    func notExports(name: String, contents: String, message: String) throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/kept")
        let before = try sandbox.snapshot()
        let file = try sandbox.write("import.json", contents)
        let result = try sandbox.csw(["import", file])
        #expect(result.status == 1, "\(name)")
        #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
        #expect(try sandbox.snapshot() == before)
        let missing = try sandbox.csw(["import", sandbox.path("absent.json")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read"))
    }
}
