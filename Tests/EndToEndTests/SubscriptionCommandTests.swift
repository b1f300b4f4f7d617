import Foundation
import Testing

/// The fourteen event types in catalogue order.
private let allEvents = [
    "response_created", "response_submitted", "response_analysis_modified", "response_analysis_completed",
    "mailing_list_subscriber_added", "activity_created", "activity_published", "activity_retracted",
    "activity_state_changed", "user_created", "user_suspended", "user_reinstated", "user_profile_edited",
    "user_deleted",
]

@Suite("subscribe command")
struct SubscribeCommandTests {
    @Test("prints the id and shows the secret once")
    func printsIDAndSecretOnce() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "--event", "response_submitted"])
        #expect(result.status == 0)
        let id = result.stdout.trimmingCharacters(in: .newlines)
        #expect(id.hasPrefix("sub_"))
        #expect(id.count == 16)
        #expect(lines(result.stdout) == [id])
        #expect(result.stderr.contains("Signing secret, shown only now: whsec_"))
        let secret = try #require(firstSecret(in: result.stderr))
        #expect(result.stderr.contains("Secret fingerprint: \(try expectedFingerprint(ofSecret: secret))"))

        let readers: [[String]] = [
            ["list"], ["list", "--json"], ["list", "--format", "tsv"], ["show", id], ["show", id, "--json"],
        ]
        for arguments in readers {
            let output = try sandbox.csw(arguments)
            #expect(output.status == 0)
            #expect(!output.stdout.contains(secret), "csw \(arguments.joined(separator: " ")) printed the secret")
            #expect(!output.stderr.contains(secret), "csw \(arguments.joined(separator: " ")) printed the secret")
        }
        #expect(try sandbox.csw(["show", id, "--show-secret"]).stdout.contains(secret))
        #expect(try sandbox.csw(["export"]).stdout.contains(secret))
    }

    @Test("quiet prints only the id")
    func quietPrintsOnlyID() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "--event", "users", "--quiet"])
        #expect(result.status == 0)
        #expect(lines(result.stdout).count == 1)
        #expect(result.stdout.hasPrefix("sub_"))
        #expect(result.stderr.isEmpty)
    }

    @Test("json prints the subscription with its new secret")
    func jsonPrintsSubscription() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw([
            "subscribe", "--url", "https://hooks.example.test/in", "--event", "responses", "--department", "planning",
            "--department", "housing", "--description", "Planning team", "--header", "X-Team: planning", "--json",
        ])
        #expect(result.status == 0)
        let object = try parseJSONObject(result.stdout)
        #expect((object["id"] as? String)?.hasPrefix("sub_") == true)
        #expect(object["url"] as? String == "https://hooks.example.test/in")
        #expect(object["events"] as? [String] == Array(allEvents.prefix(5)))
        #expect(object["departments"] as? [String] == ["housing", "planning"])
        #expect(object["description"] as? String == "Planning team")
        #expect(object["enabled"] as? Bool == true)
        let headers = try #require(object["headers"] as? [[String: String]])
        #expect(headers == [["name": "X-Team", "value": "planning"]])
        let secret = try #require(object["secret"] as? String)
        #expect(object["secret_fingerprint"] as? String == (try expectedFingerprint(ofSecret: secret)))
    }

    @Test("json leaves out a secret read from a file")
    func jsonOmitsSuppliedSecret() throws {
        let sandbox = try Sandbox()
        let secret = randomSecretText()
        let file = try sandbox.write("secret", secret + "\n")
        let result = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "--secret-file", file, "--json"])
        #expect(result.status == 0)
        let object = try parseJSONObject(result.stdout)
        #expect(object["secret"] == nil)
        #expect(!result.stdout.contains(secret))
        #expect(!result.stderr.contains(secret))
        #expect(object["secret_fingerprint"] as? String == (try expectedFingerprint(ofSecret: secret)))
    }

    @Test("disabled flag creates it disabled")
    func createsDisabled() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in", ["--event", "users", "--disabled"])
        let object = try parseJSONObject(try sandbox.csw(["show", id, "--json"]).stdout)
        #expect(object["enabled"] as? Bool == false)
        #expect(object["disabled_reason"] as? String == "created disabled")
        #expect(object["disabled_at"] is String)
    }

    @Test("groups and star expand to event types", arguments: [
        ("responses", Array(allEvents[0..<5])),
        ("activities", Array(allEvents[5..<9])),
        ("users", Array(allEvents[9..<14])),
        ("*", allEvents),
        ("user_deleted", ["user_deleted"]),
    ])
    func expandsEventWords(word: String, expected: [String]) throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in", ["--event", word])
        let object = try parseJSONObject(try sandbox.csw(["show", id, "--json"]).stdout)
        #expect(object["events"] as? [String] == expected)
        let stored = try sandbox.sqlite("SELECT count(*) FROM subscription_events WHERE subscription_id = '\(id)'")
        #expect(stored.trimmingCharacters(in: .whitespacesAndNewlines) == String(expected.count))
    }

    @Test("same URL and scope needs force")
    func duplicateNeedsForce() throws {
        let sandbox = try Sandbox()
        let first = try sandbox.addSubscription("https://hooks.example.test/in", ["--event", "users", "-d", "planning"])
        let before = try sandbox.snapshot()

        let again = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "--event", "users", "-d", "planning"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("subscription \(first) already sends these events"))
        #expect(again.stderr.contains("--force"))
        #expect(again.stdout.isEmpty)
        #expect(try sandbox.snapshot() == before)

        let groupSpelledOut = try sandbox.csw([
            "subscribe", "--url", "https://hooks.example.test/in", "-d", "planning",
            "-e", "user_created", "-e", "user_suspended", "-e", "user_reinstated", "-e", "user_profile_edited", "-e", "user_deleted",
        ])
        #expect(groupSpelledOut.status == 1, "the group and its five events are the same scope")

        let otherDepartment = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "--event", "users", "-d", "housing", "-q"])
        #expect(otherDepartment.status == 0)
        let forced = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "--event", "users", "-d", "planning", "--force", "-q"])
        #expect(forced.status == 0)
        #expect(try sandbox.subscriptionCount() == 3)
    }

    @Test("missing url without a terminal is a usage error")
    func missingURLWithoutTerminal() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["subscribe", "--event", "users"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("missing --url URL"))
        #expect(try sandbox.snapshot() == StoreSnapshot(bytes: nil, dump: nil))
    }
}

@Suite("list command")
struct ListCommandTests {
    /// Creates four subscriptions with different events and departments. B is disabled.
    private static func makeFixture(_ sandbox: Sandbox) throws -> [String: String] {
        [
            "A": try sandbox.addSubscription("https://hooks.example.test/a", ["-e", "users"]),
            "B": try sandbox.addSubscription("https://hooks.example.test/b", ["-e", "response_submitted", "-d", "planning", "--disabled"]),
            "C": try sandbox.addSubscription("https://hooks.example.test/c", ["-e", "responses", "-d", "housing"]),
            "D": try sandbox.addSubscription("https://hooks.example.test/d", ["-e", "*"]),
        ]
    }

    @Test("table shows one row per subscription, oldest first")
    func tableRows() throws {
        let sandbox = try Sandbox()
        let ids = try Self.makeFixture(sandbox)
        let result = try sandbox.csw(["list"])
        #expect(result.status == 0)
        let rows = lines(result.stdout)
        #expect(rows.count == 5)
        #expect(rows[0].split(separator: " ", omittingEmptySubsequences: true) == ["ID", "STATE", "EVENTS", "DEPARTMENTS", "URL"])
        let cells = rows.dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(cells.map { $0[0] } == [ids["A"]!, ids["B"]!, ids["C"]!, ids["D"]!])
        #expect(cells[0] == [ids["A"]!, "enabled", "users", "*", "https://hooks.example.test/a"])
        #expect(cells[1] == [ids["B"]!, "disabled", "response_submitted", "planning", "https://hooks.example.test/b"])
        #expect(cells[2] == [ids["C"]!, "enabled", "responses", "housing", "https://hooks.example.test/c"])
        #expect(cells[3] == [ids["D"]!, "enabled", "*", "*", "https://hooks.example.test/d"])
    }

    @Test("empty store prints a hint and creates no file")
    func emptyStore() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["list"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("No subscriptions"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
        let json = try sandbox.csw(["list", "--json"])
        #expect(json.status == 0)
        #expect(try parseJSONArray(json.stdout).isEmpty)
    }

    @Test("json is an array without secrets")
    func jsonArray() throws {
        let sandbox = try Sandbox()
        let ids = try Self.makeFixture(sandbox)
        let result = try sandbox.csw(["list", "--json"])
        #expect(result.status == 0)
        let array = try parseJSONArray(result.stdout)
        #expect(array.map { $0["id"] as? String } == [ids["A"], ids["B"], ids["C"], ids["D"]])
        for object in array {
            #expect(object["secret"] == nil)
            #expect(object["secret_fingerprint"] == nil)
        }
        #expect(!result.stdout.contains("whsec_"))
        #expect(array[1]["enabled"] as? Bool == false)
        #expect(array[2]["departments"] as? [String] == ["housing"])
        let sameAsFormat = try sandbox.csw(["list", "--format", "json"])
        #expect(sameAsFormat.stdout == result.stdout)
    }

    @Test("tsv has seven fields per line")
    func tsvFields() throws {
        let sandbox = try Sandbox()
        let ids = try Self.makeFixture(sandbox)
        let described = try sandbox.csw(["update", ids["A"]!, "--description", "tab\there and a \\ backslash"])
        #expect(described.status == 0, "\(described.stderr)")
        let result = try sandbox.csw(["list", "--format", "tsv"])
        #expect(result.status == 0)
        let rows = lines(result.stdout).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 4)
        for row in rows { #expect(row.count == 7) }
        #expect(rows[0] == [ids["A"]!, "enabled", allEvents[9..<14].joined(separator: ","), "", "https://hooks.example.test/a", "public-only", "tab\\there and a \\\\ backslash"])
        #expect(rows[1][1] == "disabled")
        #expect(rows[1][3] == "planning")
    }

    /// A filter of `csw list` and the fixture subscriptions it must select.
    struct FilterCase: Sendable, CustomTestStringConvertible {
        let name: String
        let options: [String]
        let expected: [String]
        var testDescription: String { name }
    }

    @Test("filters select the matching subscriptions", arguments: [
        FilterCase(name: "one event", options: ["--event", "user_deleted"], expected: ["A", "D"]),
        FilterCase(name: "group name", options: ["--event", "responses"], expected: ["B", "C", "D"]),
        FilterCase(name: "star", options: ["--event", "*"], expected: ["A", "B", "C", "D"]),
        FilterCase(name: "two events", options: ["-e", "user_created", "-e", "response_created"], expected: ["A", "C", "D"]),
        FilterCase(name: "department includes unlimited ones", options: ["--department", "planning"], expected: ["A", "B", "D"]),
        FilterCase(name: "two departments", options: ["-d", "planning", "-d", "housing"], expected: ["A", "B", "C", "D"]),
        FilterCase(name: "event and department", options: ["-e", "response_submitted", "-d", "planning"], expected: ["B", "D"]),
        FilterCase(name: "enabled only", options: ["--enabled"], expected: ["A", "C", "D"]),
        FilterCase(name: "disabled only", options: ["--disabled"], expected: ["B"]),
        FilterCase(name: "event and enabled", options: ["-e", "response_submitted", "--enabled"], expected: ["C", "D"]),
        FilterCase(name: "nothing matches", options: ["-e", "activity_created", "-d", "housing", "--disabled"], expected: []),
    ])
    func filters(_ filter: FilterCase) throws {
        let sandbox = try Sandbox()
        let ids = try Self.makeFixture(sandbox)
        let result = try sandbox.csw(["list", "--format", "tsv"] + filter.options)
        #expect(result.status == 0)
        let listed = lines(result.stdout).map { String($0.prefix { $0 != "\t" }) }
        #expect(listed == filter.expected.map { ids[$0]! })
    }
}

@Suite("show command")
struct ShowCommandTests {
    @Test("text shows every field and the fingerprint")
    func textFields() throws {
        let sandbox = try Sandbox()
        let secret = randomSecretText()
        let file = try sandbox.write("secret", secret)
        let id = try sandbox.addSubscription("https://hooks.example.test/in", [
            "-e", "activities", "-d", "planning", "--description", "Activity feed", "-H", "X-Team: planning", "--secret-file", file,
        ])
        let result = try sandbox.csw(["show", id])
        #expect(result.status == 0)
        let fields = Dictionary(lines(result.stdout).map { line -> (String, String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }, uniquingKeysWith: { first, _ in first })
        #expect(fields["id"] == id)
        #expect(fields["url"] == "https://hooks.example.test/in")
        #expect(fields["events"] == allEvents[5..<9].joined(separator: ", "))
        #expect(fields["departments"] == "planning")
        #expect(fields["description"] == "Activity feed")
        #expect(fields["state"] == "enabled")
        #expect(fields["header"] == "X-Team: planning")
        #expect(fields["secret"] == "hidden; --show-secret prints it")
        #expect(fields["fingerprint"] == (try expectedFingerprint(ofSecret: secret)))
        #expect(!result.stdout.contains(secret))

        let revealed = try sandbox.csw(["show", id, "--show-secret"])
        #expect(revealed.stdout.contains("secret:      \(secret)"))
    }

    @Test("json has the fields of list plus the secret on request")
    func json() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in")
        let object = try parseJSONObject(try sandbox.csw(["show", id, "--json"]).stdout)
        #expect(object["id"] as? String == id)
        #expect(object["secret"] == nil)
        let revealed = try parseJSONObject(try sandbox.csw(["show", id, "--json", "--show-secret"]).stdout)
        let secret = try #require(revealed["secret"] as? String)
        #expect(revealed["secret_fingerprint"] as? String == (try expectedFingerprint(ofSecret: secret)))
    }

    @Test("unique prefixes resolve, with or without sub_")
    func prefixes() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in")
        for typed in [id, String(id.prefix(8)), String(id.dropFirst(4).prefix(5))] {
            let result = try sandbox.csw(["show", typed, "--json"])
            #expect(result.status == 0, "csw show \(typed): \(result.stderr)")
            #expect(try parseJSONObject(result.stdout)["id"] as? String == id)
        }
    }

    @Test("unknown and ambiguous ids fail with status 1")
    func unknownAndAmbiguous() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/a")
        _ = try sandbox.addSubscription("https://hooks.example.test/b")
        let unknown = try sandbox.csw(["show", "sub_zzzzzzzzzzzz"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no subscription with id 'sub_zzzzzzzzzzzz'"))
        let ambiguous = try sandbox.csw(["show", "sub_"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("is ambiguous"))
        #expect(ambiguous.stdout.isEmpty)
    }
}

@Suite("update command")
struct UpdateCommandTests {
    private func show(_ sandbox: Sandbox, _ id: String) throws -> [String: Any] {
        try parseJSONObject(try sandbox.csw(["show", id, "--json"]).stdout)
    }

    @Test("url changes and reports what changed")
    func changesURL() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/old")
        let result = try sandbox.csw(["update", id, "--url", "https://hooks.example.test/new"])
        #expect(result.status == 0)
        #expect(result.stdout == "updated \(id): url\n")
        #expect(try show(sandbox, id)["url"] as? String == "https://hooks.example.test/new")
    }

    @Test("event options replace, add and remove")
    func events() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in", ["-e", "response_submitted"])

        #expect(try sandbox.csw(["update", id, "--add-event", "user_deleted"]).status == 0)
        #expect(try show(sandbox, id)["events"] as? [String] == ["response_submitted", "user_deleted"])

        #expect(try sandbox.csw(["update", id, "--event", "activities"]).status == 0)
        #expect(try show(sandbox, id)["events"] as? [String] == Array(allEvents[5..<9]))

        #expect(try sandbox.csw(["update", id, "--remove-event", "activity_created", "--remove-event", "activity_retracted"]).status == 0)
        #expect(try show(sandbox, id)["events"] as? [String] == ["activity_published", "activity_state_changed"])

        let before = try sandbox.snapshot()
        let emptied = try sandbox.csw(["update", id, "--remove-event", "activities"])
        #expect(emptied.status == 2)
        #expect(emptied.stderr.contains("needs at least one event"))
        #expect(try sandbox.snapshot() == before)
    }

    @Test("department options add, remove and clear")
    func departments() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in", ["-e", "users", "-d", "planning"])

        #expect(try sandbox.csw(["update", id, "--add-department", "housing"]).status == 0)
        #expect(try show(sandbox, id)["departments"] as? [String] == ["housing", "planning"])

        #expect(try sandbox.csw(["update", id, "--remove-department", "planning"]).status == 0)
        #expect(try show(sandbox, id)["departments"] as? [String] == ["housing"])

        let before = try sandbox.snapshot()
        let lastOne = try sandbox.csw(["update", id, "--remove-department", "housing"])
        #expect(lastOne.status == 2)
        #expect(lastOne.stderr.contains("--all-departments"))
        let notThere = try sandbox.csw(["update", id, "--remove-department", "parks"])
        #expect(notThere.status == 2)
        #expect(notThere.stderr.contains("is not limited to department 'parks'"))
        #expect(try sandbox.snapshot() == before)

        #expect(try sandbox.csw(["update", id, "--all-departments"]).status == 0)
        #expect(try show(sandbox, id)["departments"] as? [String] == [])
    }

    @Test("headers are added, replaced and removed")
    func headers() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in", ["-e", "users", "-H", "X-Team: planning"])

        #expect(try sandbox.csw(["update", id, "-H", "X-Region: north"]).status == 0)
        #expect(try show(sandbox, id)["headers"] as? [[String: String]] == [
            ["name": "X-Team", "value": "planning"], ["name": "X-Region", "value": "north"],
        ])

        #expect(try sandbox.csw(["update", id, "-H", "x-team: housing"]).status == 0)
        #expect(try show(sandbox, id)["headers"] as? [[String: String]] == [
            ["name": "x-team", "value": "housing"], ["name": "X-Region", "value": "north"],
        ])

        #expect(try sandbox.csw(["update", id, "--remove-header", "X-TEAM"]).status == 0)
        #expect(try show(sandbox, id)["headers"] as? [[String: String]] == [["name": "X-Region", "value": "north"]])

        let before = try sandbox.snapshot()
        let missing = try sandbox.csw(["update", id, "--remove-header", "X-Team"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("sends no header 'X-Team'"))
        #expect(try sandbox.snapshot() == before)
    }

    @Test("description is replaced")
    func description() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in")
        let result = try sandbox.csw(["update", id, "--description", "Nightly export"])
        #expect(result.stdout == "updated \(id): description\n")
        #expect(try show(sandbox, id)["description"] as? String == "Nightly export")
    }

    @Test("no change prints a note and writes nothing")
    func noChange() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in", ["-e", "users", "-d", "planning", "-H", "X-Team: a"])
        let before = try sandbox.snapshot()
        let result = try sandbox.csw([
            "update", id, "--url", "https://hooks.example.test/in", "--event", "users", "--add-department", "planning",
            "-H", "X-Team: a",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Nothing to change in \(id)."))
        #expect(try sandbox.snapshot() == before)
    }

    @Test("update into another's scope needs force")
    func duplicateNeedsForce() throws {
        let sandbox = try Sandbox()
        let first = try sandbox.addSubscription("https://hooks.example.test/a")
        let second = try sandbox.addSubscription("https://hooks.example.test/b")
        let before = try sandbox.snapshot()
        let result = try sandbox.csw(["update", second, "--url", "https://hooks.example.test/a"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("subscription \(first) already has this URL"))
        #expect(try sandbox.snapshot() == before)
        #expect(try sandbox.csw(["update", second, "--url", "https://hooks.example.test/a", "--force"]).status == 0)
    }

    @Test("json prints the updated subscription")
    func json() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in")
        let result = try sandbox.csw(["update", id, "--description", "JSON", "--json"])
        #expect(result.status == 0)
        let object = try parseJSONObject(result.stdout)
        #expect(object["description"] as? String == "JSON")
        #expect(object["secret"] == nil)
    }
}

@Suite("enable and disable commands")
struct EnableDisableCommandTests {
    private func states(_ sandbox: Sandbox) throws -> [String: String] {
        let rows = lines(try sandbox.csw(["list", "--format", "tsv"]).stdout).map { $0.split(separator: "\t").map(String.init) }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) })
    }

    @Test("ids are disabled and enabled")
    func byIDs() throws {
        let sandbox = try Sandbox()
        let first = try sandbox.addSubscription("https://hooks.example.test/a")
        let second = try sandbox.addSubscription("https://hooks.example.test/b")

        let one = try sandbox.csw(["disable", first, "--reason", "receiver down"])
        #expect(one.status == 0, "disabling one subscription needs no confirmation")
        #expect(one.stdout == "disabled \(first)  https://hooks.example.test/a\n")
        let shown = try parseJSONObject(try sandbox.csw(["show", first, "--json"]).stdout)
        #expect(shown["disabled_reason"] as? String == "receiver down")
        #expect(try states(sandbox) == [first: "disabled", second: "enabled"])

        let again = try sandbox.csw(["disable", first])
        #expect(again.status == 0)
        #expect(again.stderr.contains("1 already disabled."))

        let both = try sandbox.csw(["enable", first, second, "--json"])
        #expect(both.status == 0)
        #expect(try parseJSON(both.stdout) as? [String] == [first])
        #expect(try states(sandbox) == [first: "enabled", second: "enabled"])
        let enabled = try parseJSONObject(try sandbox.csw(["show", first, "--json"]).stdout)
        #expect(enabled["disabled_at"] is NSNull)
        #expect(enabled["disabled_reason"] is NSNull)
    }

    @Test("bulk disable of every response_submitted webhook of planning")
    func bulkByEventAndDepartment() throws {
        let sandbox = try Sandbox()
        let planning = try sandbox.addSubscription("https://hooks.example.test/1", ["-e", "response_submitted", "-d", "planning"])
        let group = try sandbox.addSubscription("https://hooks.example.test/2", ["-e", "responses", "-d", "planning", "-d", "housing"])
        let everyDepartment = try sandbox.addSubscription("https://hooks.example.test/3", ["-e", "response_submitted"])
        let housing = try sandbox.addSubscription("https://hooks.example.test/4", ["-e", "response_submitted", "-d", "housing"])
        let users = try sandbox.addSubscription("https://hooks.example.test/5", ["-e", "users", "-d", "planning"])

        let result = try sandbox.csw(["disable", "--event", "response_submitted", "--department", "planning", "--yes"])
        #expect(result.status == 0)
        #expect(lines(result.stdout).count == 3)
        #expect(try states(sandbox) == [
            planning: "disabled", group: "disabled", everyDepartment: "disabled", housing: "enabled", users: "enabled",
        ])

        let enabled = try sandbox.csw(["enable", "-e", "response_submitted", "-d", "planning"])
        #expect(enabled.status == 0, "enabling in bulk needs no confirmation")
        #expect(try states(sandbox).values.allSatisfy { $0 == "enabled" })
    }

    @Test("bulk by event alone and by department alone")
    func bulkByOneFilter() throws {
        let sandbox = try Sandbox()
        let users = try sandbox.addSubscription("https://hooks.example.test/1", ["-e", "users", "-d", "parks"])
        let responses = try sandbox.addSubscription("https://hooks.example.test/2", ["-e", "responses", "-d", "planning"])
        #expect(try sandbox.csw(["disable", "-e", "user_deleted", "--yes"]).status == 0)
        #expect(try states(sandbox) == [users: "disabled", responses: "enabled"])
        #expect(try sandbox.csw(["disable", "-d", "planning", "--yes"]).status == 0)
        #expect(try states(sandbox) == [users: "disabled", responses: "disabled"])
        let none = try sandbox.csw(["enable", "-d", "nowhere"])
        #expect(none.status == 0)
        #expect(none.stderr.contains("No subscription matches"))
    }

    @Test("dry run changes nothing")
    func dryRun() throws {
        let sandbox = try Sandbox()
        let first = try sandbox.addSubscription("https://hooks.example.test/a")
        let second = try sandbox.addSubscription("https://hooks.example.test/b")
        let before = try sandbox.snapshot()
        let result = try sandbox.csw(["disable", "-e", "users", "--dry-run"])
        #expect(result.status == 0)
        #expect(lines(result.stdout) == ["would disable \(first)  https://hooks.example.test/a", "would disable \(second)  https://hooks.example.test/b"])
        #expect(result.stderr.contains("Nothing was changed (--dry-run)"))
        #expect(try sandbox.snapshot() == before)
        #expect(try sandbox.csw(["disable", first, "-n"]).status == 0)
        #expect(try sandbox.snapshot() == before)
    }

    @Test("bulk disable of several without yes and terminal is a usage error")
    func bulkNeedsYes() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/a")
        let second = try sandbox.addSubscription("https://hooks.example.test/b")
        let before = try sandbox.snapshot()
        let result = try sandbox.csw(["disable", "-e", "users"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--yes"))
        #expect(result.stdout.isEmpty)
        #expect(try sandbox.snapshot() == before)
        let byIDs = try sandbox.csw(["disable", "sub_", second])
        #expect(byIDs.status == 1, "an ambiguous id fails before any question")
    }

    @Test("ids and filters together, or neither, are usage errors")
    func idsOrFilters() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/a")
        let both = try sandbox.csw(["enable", id, "-e", "users"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("not both"))
        let neither = try sandbox.csw(["disable"])
        #expect(neither.status == 2)
        #expect(neither.stderr.contains("give subscription ids"))
    }
}

@Suite("delete command")
struct DeleteCommandTests {
    @Test("without a terminal it needs yes")
    func needsYes() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/a")
        let before = try sandbox.snapshot()
        let result = try sandbox.csw(["delete", id])
        #expect(result.status == 2)
        #expect(result.stderr.contains("add --yes"))
        #expect(try sandbox.snapshot() == before)
    }

    @Test("yes deletes the row, its events and departments")
    func deletes() throws {
        let sandbox = try Sandbox()
        let gone = try sandbox.addSubscription("https://hooks.example.test/a", ["-e", "users", "-d", "planning"])
        let kept = try sandbox.addSubscription("https://hooks.example.test/b")
        let result = try sandbox.csw(["delete", gone, "--yes"])
        #expect(result.status == 0)
        #expect(result.stdout == "deleted \(gone)\n")
        #expect(try sandbox.sqlite("SELECT id FROM subscriptions") == kept + "\n")
        #expect(try sandbox.sqlite("SELECT count(*) FROM subscription_events WHERE subscription_id = '\(gone)'") == "0\n")
        #expect(try sandbox.sqlite("SELECT count(*) FROM subscription_departments WHERE subscription_id = '\(gone)'") == "0\n")
    }

    @Test("several ids at once, each once")
    func severalIDs() throws {
        let sandbox = try Sandbox()
        let first = try sandbox.addSubscription("https://hooks.example.test/a")
        let second = try sandbox.addSubscription("https://hooks.example.test/b")
        let result = try sandbox.csw(["delete", "-y", first, second, first])
        #expect(result.status == 0)
        #expect(lines(result.stdout) == ["deleted \(first)", "deleted \(second)"])
        #expect(try sandbox.subscriptionCount() == 0)
    }

    @Test("unknown and ambiguous ids delete nothing")
    func unknownAndAmbiguous() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/a")
        _ = try sandbox.addSubscription("https://hooks.example.test/b")
        let before = try sandbox.snapshot()
        let unknown = try sandbox.csw(["delete", "--yes", id, "sub_zzzzzzzzzzzz"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no subscription with id 'sub_zzzzzzzzzzzz'"))
        let ambiguous = try sandbox.csw(["delete", "--yes", "sub_"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("ambiguous"))
        #expect(try sandbox.snapshot() == before)
    }

    @Test("dry run lists and keeps")
    func dryRun() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/a")
        let before = try sandbox.snapshot()
        let result = try sandbox.csw(["delete", "--dry-run", id])
        #expect(result.status == 0)
        #expect(result.stdout == "would delete \(id)\n")
        #expect(try sandbox.snapshot() == before)
    }
}

@Suite("events command")
struct EventsCommandTests {
    @Test("json lists fourteen events with groups")
    func json() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["events", "--json"])
        #expect(result.status == 0)
        let array = try parseJSONArray(result.stdout)
        #expect(array.count == 14)
        #expect(array.map { $0["name"] as? String } == allEvents)
        let groups = array.map { $0["group"] as? String ?? "" }
        #expect(groups == Array(repeating: "responses", count: 5) + Array(repeating: "activities", count: 4) + Array(repeating: "users", count: 5))
        for object in array { #expect((object["description"] as? String)?.isEmpty == false) }
    }

    @Test("table has a row per event")
    func table() throws {
        let result = try Sandbox().csw(["events"])
        #expect(result.status == 0)
        #expect(lines(result.stdout).count == 15)
        #expect(lines(result.stdout).first?.hasPrefix("EVENT") == true)
    }

    @Test("show prints the sample with event and department")
    func show() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["events", "show", "response_submitted"])
        #expect(result.status == 0)
        let object = try parseJSONObject(result.stdout)
        #expect(object["event"] as? String == "response_submitted")
        #expect(object["department_id"] as? String == "demo")
        let planning = try parseJSONObject(try sandbox.csw(["events", "show", "user_deleted", "-d", "planning"]).stdout)
        #expect(planning["event"] as? String == "user_deleted")
        #expect(planning["department_id"] as? String == "planning")
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath), "showing a sample creates no store")
    }

    @Test("show rejects groups and unknown events", arguments: [
        BadInput(name: "group", arguments: ["events", "show", "responses"], status: 2, message: "names several events"),
        BadInput(name: "star", arguments: ["events", "show", "*"], status: 2, message: "names several events"),
        BadInput(name: "misspelt", arguments: ["events", "show", "user_delted"], status: 2, message: "did you mean 'user_deleted'"),
        BadInput(name: "missing", arguments: ["events", "show"], status: 2, message: "missing EVENT"),
    ])
    func showRejects(_ input: BadInput) throws {
        let result = try Sandbox().csw(input.arguments)
        #expect(result.status == input.status)
        #expect(result.stderr.contains(input.message), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

@Suite("help, version and exit statuses")
struct HelpAndStatusTests {
    @Test("help forms print on stdout and exit 0", arguments: [
        ["help"], ["--help"], ["-h"], [], ["help", "subscribe"], ["subscribe", "--help"], ["list", "-h"],
        ["help", "events", "show"], ["events", "show", "--help"], ["--version"],
    ])
    func helpForms(arguments: [String]) throws {
        let result = try Sandbox().csw(arguments)
        #expect(result.status == 0)
        #expect(!result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
    }

    @Test("command help names its usage")
    func commandHelp() throws {
        let result = try Sandbox().csw(["help", "subscribe"])
        #expect(result.stdout.hasPrefix("Usage: csw subscribe --url URL --event EVENT [options]"))
        #expect(result.stdout.contains("--secret-file FILE"))
        let version = try Sandbox().csw(["--version"])
        #expect(version.stdout.hasPrefix("csw "))
        #expect(lines(version.stdout).count == 1)
    }

    @Test("unknown names are usage errors with suggestions", arguments: [
        BadInput(name: "command", arguments: ["lst"], status: 2, message: "unknown command 'lst': did you mean 'list'?"),
        BadInput(name: "option", arguments: ["list", "--jsn"], status: 2, message: "unknown option '--jsn' for 'csw list': did you mean '--json'?"),
        BadInput(name: "short option", arguments: ["list", "-z"], status: 2, message: "unknown option '-z'"),
        BadInput(name: "subcommand", arguments: ["events", "shw"], status: 2, message: "did you mean 'show'?"),
        BadInput(name: "help topic", arguments: ["help", "nothing"], status: 2, message: "invalid value 'nothing'"),
        BadInput(name: "far from any command", arguments: ["zzzzzzzz"], status: 2, message: "run 'csw help' to list commands"),
    ])
    func unknownNames(_ input: BadInput) throws {
        let result = try Sandbox().csw(input.arguments)
        #expect(result.status == input.status)
        #expect(result.stderr.contains(input.message), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("See 'csw help"))
        #expect(result.stdout.isEmpty)
    }

    @Test("statuses are 0, 1 and 2 as documented")
    func statuses() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.csw(["list"]).status == 0)
        #expect(try sandbox.csw(["show", "sub_zzzzzzzzzzzz"]).status == 1, "a store or data failure")
        #expect(try sandbox.csw(["list", "--format", "xml"]).status == 2, "a command line error")
    }

    @Test("man page documents exit statuses 0, 1 and 2")
    func manPageStatuses() throws {
        let result = try Sandbox().csw(["__man"])
        #expect(result.status == 0)
        let page = result.stdout
        let section = try #require(page.range(of: "EXIT STATUS"), "the man page has no EXIT STATUS section")
        let text = page[section.upperBound...].prefix(2000)
        for status in ["0", "1", "2"] {
            #expect(text.contains("\n\(status)\n") || text.contains("B \(status)") || text.contains(".B \(status)") || text.contains("\\fB\(status)\\fR"),
                "EXIT STATUS does not describe status \(status)")
        }
    }
}
