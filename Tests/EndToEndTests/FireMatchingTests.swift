import Foundation
import Testing

/// Subscriptions of several scopes on one receiver, each on its own path, so
/// a test can tell from the paths who received what.
private struct Audience {
    let sandbox: Sandbox
    let receiver: Receiver
    /// Subscription ids by the path their URL ends in.
    var ids: [String: String] = [:]

    init() throws {
        sandbox = try Sandbox()
        receiver = try Receiver(sandbox)
    }

    mutating func add(_ path: String, events: [String], departments: [String] = [], extra: [String] = []) throws {
        ids[path] = try sandbox.subscribe(receiver.url(path), events: events, departments: departments, extra: extra)
    }

    /// Returns the paths that received a request, sorted.
    func receivedPaths() throws -> [String] {
        try receiver.records().map(\.path).sorted()
    }

    /// Returns the subscription ids with a delivery in the log, sorted.
    func loggedSubscriptions() throws -> [String] {
        try sandbox.deliveries().compactMap { $0["subscription_id"] as? String }.sorted()
    }

    func ids(_ paths: [String]) -> [String] {
        paths.map { ids[$0]! }.sorted()
    }

    /// Creates one subscription of each kind of scope.
    static func standard() throws -> Audience {
        var audience = try Audience()
        try audience.add("/event-all", events: ["response_submitted"])
        try audience.add("/group-planning", events: ["responses"], departments: ["planning"])
        try audience.add("/star-housing", events: ["*"], departments: ["housing"])
        try audience.add("/users", events: ["users"])
        try audience.add("/created-planning", events: ["response_created"], departments: ["planning"])
        try audience.add("/event-planning-disabled", events: ["response_submitted"], departments: ["planning"], extra: ["--disabled"])
        try audience.add("/planning-housing", events: ["response_submitted"], departments: ["planning", "housing"])
        return audience
    }
}

@Suite("Fire: which subscriptions receive an event")
struct FireMatchingTests {
    @Test("event, group and star match by department")
    func matchesEventGroupAndStar() throws {
        let audience = try Audience.standard()
        let fired = try audience.sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let planning = ["/event-all", "/group-planning", "/planning-housing"]
        #expect(try audience.receivedPaths() == planning.sorted())
        #expect(try audience.loggedSubscriptions() == audience.ids(planning))

        let housing = try audience.sandbox.csw(["fire", "--event", "response_submitted", "--department", "housing"])
        #expect(housing.status == 0, "stderr: \(housing.stderr)")
        let both = planning + ["/event-all", "/star-housing", "/planning-housing"]
        #expect(try audience.receivedPaths() == both.sorted())
        #expect(try audience.loggedSubscriptions() == audience.ids(both))
    }

    @Test("group matches another event of the group")
    func groupMatchesOtherEvent() throws {
        let audience = try Audience.standard()
        let fired = try audience.sandbox.csw(["fire", "--event", "response_created", "--department", "planning"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        #expect(try audience.receivedPaths() == ["/created-planning", "/group-planning"])
    }

    @Test("star matches every event of its department only")
    func starMatchesOwnDepartment() throws {
        let audience = try Audience.standard()
        let housing = try audience.sandbox.csw(["fire", "--event", "user_created", "--department", "housing"])
        #expect(housing.status == 0, "stderr: \(housing.stderr)")
        #expect(try audience.receivedPaths() == ["/star-housing", "/users"])

        let other = try audience.sandbox.csw(["fire", "--event", "activity_published", "--department", "transport"])
        #expect(other.status == 0, "stderr: \(other.stderr)")
        #expect(try audience.receivedPaths() == ["/star-housing", "/users"])
    }

    @Test("disabled subscription receives nothing")
    func disabledReceivesNothing() throws {
        var audience = try Audience()
        try audience.add("/on", events: ["response_submitted"])
        try audience.add("/off", events: ["response_submitted"])
        let disabled = try audience.sandbox.csw(["disable", audience.ids["/off"]!, "--yes"])
        #expect(disabled.status == 0, "stderr: \(disabled.stderr)")

        let fired = try audience.sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        #expect(try audience.receivedPaths() == ["/on"])
        #expect(try audience.loggedSubscriptions() == audience.ids(["/on"]))
    }

    @Test("no matching subscription sends nothing")
    func noRecipients() throws {
        var audience = try Audience()
        try audience.add("/housing", events: ["response_submitted"], departments: ["housing"])
        let fired = try audience.sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning", "--json"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let summary = try jsonObject(fired.stdout)
        #expect((summary["deliveries"] as? [Any])?.isEmpty == true)
        #expect(fired.stderr.contains("nothing was sent"))
        #expect(try audience.receivedPaths().isEmpty)
        #expect(try audience.sandbox.deliveries().isEmpty)
    }

    @Test("--to limits the fan-out")
    func toLimitsFanOut() throws {
        let audience = try Audience.standard()
        let chosen = audience.ids["/group-planning"]!
        let fired = try audience.sandbox.csw([
            "fire", "--event", "response_submitted", "--department", "planning", "--to", chosen, "--json",
        ])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        #expect(try audience.receivedPaths() == ["/group-planning"])
        #expect(try audience.loggedSubscriptions() == [chosen])
        let deliveries = try jsonObject(fired.stdout)["deliveries"] as? [[String: Any]] ?? []
        #expect(deliveries.map { $0["subscription_id"] as? String } == [chosen])
    }

    @Test("--to a non-matching subscription fails")
    func toNonMatchingFails() throws {
        let audience = try Audience.standard()
        for path in ["/star-housing", "/event-planning-disabled"] {
            let fired = try audience.sandbox.csw([
                "fire", "--event", "response_submitted", "--department", "planning", "--to", audience.ids[path]!,
            ])
            #expect(fired.status != 0, "--to \(path) should fail")
            #expect(fired.stderr.contains(audience.ids[path]!))
        }
        #expect(try audience.receivedPaths().isEmpty)
        #expect(try audience.sandbox.deliveries().isEmpty)
    }

    @Test("--dry-run lists recipients and sends nothing")
    func dryRunSendsNothing() throws {
        let audience = try Audience.standard()
        let expected = audience.ids(["/event-all", "/group-planning", "/planning-housing"])

        let text = try audience.sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning", "--dry-run"])
        #expect(text.status == 0, "stderr: \(text.stderr)")
        for id in expected {
            #expect(text.stdout.contains("would send to \(id)"))
        }
        #expect(text.stdout.split(separator: "\n").count == expected.count)

        let json = try audience.sandbox.csw([
            "fire", "--event", "response_submitted", "--department", "planning", "--dry-run", "--json",
        ])
        #expect(json.status == 0, "stderr: \(json.stderr)")
        let recipients = try jsonObject(json.stdout)["recipients"] as? [[String: Any]] ?? []
        #expect(recipients.compactMap { $0["id"] as? String }.sorted() == expected)

        Thread.sleep(forTimeInterval: 0.2)
        #expect(try audience.receivedPaths().isEmpty)
        #expect(try audience.sandbox.deliveries().isEmpty)
    }
}
