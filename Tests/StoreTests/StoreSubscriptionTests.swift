import CSWCore
import CSWStore
import Foundation
import Testing

@Suite("subscription queries")
struct StoreSubscriptionTests {
    @Test("every field survives a write and a read")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        var subscription = Subscription(
            id: "sub_full", url: "https://ops:pw@hooks.example.test/in?token=1", events: [.userDeleted, .responseSubmitted],
            departments: ["planning", "Parks, Gardens", "housing", "planning"], description: "line one\nline two\ttab ✓",
            secret: secretText(1), headers: [try HeaderField(name: "X-Team", value: "a\tb"), try HeaderField(name: "X-Other", value: "")],
            enabled: false, allowPrivateNetwork: true, caFile: "/etc/ssl/ca.pem", createdAt: 1_780_000_000_123, updatedAt: 1_780_000_111_000)
        subscription.disabledAt = 1_780_000_100_000
        subscription.disabledReason = "paused"
        subscription.previousSecret = secretText(2)
        subscription.previousSecretExpiresAt = 1_780_086_400_000
        try insert([subscription], into: store)

        let read = try #require(try store.subscription(id: "sub_full"))
        #expect(read == subscription)
        #expect(read.events == [.responseSubmitted, .userDeleted])
        #expect(read.departments == ["Parks, Gardens", "housing", "planning"])
        #expect(try store.subscription(id: "sub_absent") == nil)
    }

    @Test("scope is the same for the same URL, events and departments")
    func scope() {
        let first = Subscription(id: "sub_a", url: "https://h.example/x", events: [.userDeleted, .userCreated], departments: ["b", "a"], secret: "", createdAt: 0)
        let second = Subscription(id: "sub_b", url: "https://h.example/x", events: [.userCreated, .userDeleted], departments: ["a", "b", "a"], secret: "", createdAt: 5)
        let third = Subscription(id: "sub_c", url: "https://h.example/x", events: [.userCreated], departments: ["a", "b"], secret: "", createdAt: 0)
        #expect(first.scope == second.scope)
        #expect(first.scope != third.scope)
        #expect(first.departments == ["a", "b"])
    }

    @Test("list order is creation second, then insertion")
    func order() throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        let base: Int64 = 1_780_000_000_000
        try insert([
            makeSubscription("sub_zz", createdAt: base + 900),
            makeSubscription("sub_aa", createdAt: base + 100),
            makeSubscription("sub_mm", createdAt: base - 5_000),
            makeSubscription("sub_bb", createdAt: base + 2_000),
        ], into: store)
        #expect(try store.subscriptions().map(\.id) == ["sub_mm", "sub_zz", "sub_aa", "sub_bb"])
    }

    /// Subscriptions for the filter tests: A users of every department,
    /// B response_submitted of planning (disabled), C responses of housing.
    private func fixture() throws -> (TemporaryFolder, Store) {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        var disabled = makeSubscription("sub_b", events: [.responseSubmitted], departments: ["planning"], createdAt: 2_000)
        disabled.enabled = false
        try insert([
            makeSubscription("sub_a", events: EventGroup.users.events, createdAt: 1_000),
            disabled,
            makeSubscription("sub_c", events: EventGroup.responses.events, departments: ["housing"], createdAt: 3_000),
        ], into: store)
        return (folder, store)
    }

    @Test("filters select by event, department and state", arguments: [
        ("no filter", SubscriptionFilter(), ["sub_a", "sub_b", "sub_c"]),
        ("one event", SubscriptionFilter(events: [.userDeleted]), ["sub_a"]),
        ("any of two events", SubscriptionFilter(events: [.userDeleted, .responseCreated]), ["sub_a", "sub_c"]),
        ("department with unlimited", SubscriptionFilter(departments: ["planning"]), ["sub_a", "sub_b"]),
        ("unknown department", SubscriptionFilter(departments: ["parks"]), ["sub_a"]),
        ("event and department", SubscriptionFilter(events: [.responseSubmitted], departments: ["housing"]), ["sub_c"]),
        ("enabled", SubscriptionFilter(enabled: true), ["sub_a", "sub_c"]),
        ("disabled", SubscriptionFilter(enabled: false), ["sub_b"]),
        ("all three", SubscriptionFilter(events: [.responseSubmitted], departments: ["planning"], enabled: true), []),
    ])
    func filters(name: String, filter: SubscriptionFilter, expected: [String]) throws {
        let (folder, store) = try fixture()
        #expect(try store.subscriptions(filter).map(\.id) == expected, "\(name)")
        _ = folder
    }

    @Test("ids resolve exactly or by unique prefix")
    func resolveIDs() throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        try insert([makeSubscription("sub_abc123"), makeSubscription("sub_abd456"), makeSubscription("sub_x")], into: store)
        #expect(try store.resolveSubscriptionID("sub_abc123") == "sub_abc123")
        #expect(try store.resolveSubscriptionID("sub_abc") == "sub_abc123")
        #expect(try store.resolveSubscriptionID("abd") == "sub_abd456")
        #expect(try store.resolveSubscriptionID("x") == "sub_x", "an exact id wins even when it is a prefix of nothing else")
    }

    @Test("unknown, ambiguous and wildcard ids fail")
    func resolveFailures() throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        try insert((1...5).map { makeSubscription("sub_ab\($0)") }, into: store)

        let unknown = try #require(throws: Failure.self) { try store.resolveSubscriptionID("zz") }
        #expect(unknown.message == "no subscription with id 'zz'; run 'csw list' to see the ids")
        let ambiguous = try #require(throws: Failure.self) { try store.resolveSubscriptionID("ab") }
        #expect(ambiguous.message == "the id 'ab' is ambiguous: it starts sub_ab1, sub_ab2, sub_ab3, ...; type more of it")
        for pattern in ["%", "_", "a_", "sub_%"] {
            #expect(throws: Failure.self, "'\(pattern)' must not act as a LIKE pattern") { try store.resolveSubscriptionID(pattern) }
        }
    }

    @Test("duplicate finds another subscription with the same scope")
    func duplicate() throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        let original = makeSubscription("sub_one", url: "https://h.example/x", events: [.userCreated], departments: ["a"])
        try insert([original], into: store)
        #expect(try store.duplicate(of: original) == nil, "a subscription is not its own duplicate")
        #expect(try store.duplicate(of: makeSubscription("sub_two", url: "https://h.example/x", events: [.userCreated], departments: ["a"])) == "sub_one")
        #expect(try store.duplicate(of: makeSubscription("sub_two", url: "https://h.example/x", events: [.userCreated], departments: [])) == nil)
        #expect(try store.duplicate(of: makeSubscription("sub_two", url: "https://h.example/X", events: [.userCreated], departments: ["a"])) == nil)
    }

    @Test("replace swaps the row, events and departments")
    func replace() throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        var subscription = makeSubscription("sub_one", events: [.userCreated, .userDeleted], departments: ["a", "b"])
        try insert([subscription], into: store)
        subscription.url = "https://h.example/new"
        subscription.events = [.activityCreated]
        subscription.departments = ["c"]
        subscription.headers = [try HeaderField(name: "X-New", value: "1")]
        try store.write { try store.replace(subscription) }
        #expect(try store.subscription(id: "sub_one") == subscription)
        #expect(try integer("SELECT count(*) FROM subscription_events", in: store) == 1)
        #expect(try integer("SELECT count(*) FROM subscription_departments", in: store) == 1)
        #expect(try store.duplicate(of: makeSubscription("sub_two", url: "https://h.example/new", events: [.activityCreated], departments: ["c"])) == "sub_one")
    }

    @Test("enable and disable record when and why")
    func setEnabled() throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        try insert([makeSubscription("sub_one"), makeSubscription("sub_two")], into: store)
        try store.write { try store.setEnabled(["sub_one", "sub_two"], enabled: false, reason: "maintenance", now: 1_790_000_000_000) }
        let disabled = try #require(try store.subscription(id: "sub_two"))
        #expect(disabled.enabled == false)
        #expect(disabled.disabledAt == 1_790_000_000_000)
        #expect(disabled.disabledReason == "maintenance")
        #expect(disabled.updatedAt == 1_790_000_000_000)

        try store.write { try store.setEnabled(["sub_two"], enabled: true, reason: "ignored", now: 1_790_000_001_000) }
        let enabled = try #require(try store.subscription(id: "sub_two"))
        #expect(enabled.enabled)
        #expect(enabled.disabledAt == nil)
        #expect(enabled.disabledReason == nil)
        #expect(try store.subscription(id: "sub_one")?.enabled == false)
    }

    @Test("delete removes events and departments with the row")
    func delete() throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        try insert([
            makeSubscription("sub_gone", events: EventGroup.users.events, departments: ["a", "b"]),
            makeSubscription("sub_kept", departments: ["a"]),
        ], into: store)
        try store.write { try store.delete(["sub_gone", "sub_absent"]) }
        #expect(try store.subscriptions().map(\.id) == ["sub_kept"])
        #expect(try integer("SELECT count(*) FROM subscription_events", in: store) == 1)
        #expect(try integer("SELECT count(*) FROM subscription_departments", in: store) == 1)
        #expect(try store.departments() == ["a"])
    }

    @Test("departments and id prefixes for completion")
    func completion() throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        try insert([
            makeSubscription("sub_a1", departments: ["planning", "housing"]),
            makeSubscription("sub_a2", departments: ["planning"]),
            makeSubscription("sub_b1"),
        ], into: store)
        #expect(try store.departments() == ["housing", "planning"])
        #expect(try store.subscriptionIDs(prefix: "sub_a").map(\.id) == ["sub_a1", "sub_a2"])
        #expect(try store.subscriptionIDs(prefix: "sub_", limit: 2).map(\.id) == ["sub_a1", "sub_a2"])
        #expect(try store.subscriptionIDs(prefix: "sub_b").map(\.url) == ["https://hooks.example.test/sub_b1"])
        #expect(try store.subscriptionIDs(prefix: "x").isEmpty)
    }

    @Test("a subscription matches its events and departments")
    func matches() {
        let limited = makeSubscription("sub_a", events: [.responseSubmitted], departments: ["planning"])
        #expect(limited.matches(event: .responseSubmitted, department: "planning"))
        #expect(!limited.matches(event: .responseSubmitted, department: "housing"))
        #expect(!limited.matches(event: .responseCreated, department: "planning"))
        let everywhere = makeSubscription("sub_b", events: [.responseSubmitted])
        #expect(everywhere.matches(event: .responseSubmitted, department: "anything"))
    }

    @Test("the previous secret signs until it expires")
    func signingSecrets() {
        var subscription = makeSubscription("sub_a")
        subscription.previousSecret = secretText(9)
        subscription.previousSecretExpiresAt = 1_000
        #expect(subscription.signingSecrets(now: 999) == [secretText(1), secretText(9)])
        #expect(subscription.signingSecrets(now: 1_000) == [secretText(1)])
    }

    @Test("new ids use the prefix and Crockford base32")
    func identifiers() {
        let alphabet = Set("0123456789abcdefghjkmnpqrstvwxyz")
        var seen = Set<String>()
        for _ in 0..<1_000 {
            let id = Identifier.subscription()
            #expect(id.hasPrefix("sub_"))
            #expect(id.count == 16)
            #expect(id.dropFirst(4).allSatisfy { alphabet.contains($0) }, "\(id)")
            seen.insert(id)
        }
        #expect(seen.count == 1_000)
        #expect(Identifier.delivery().hasPrefix("msg_"))
        #expect(Identifier.delivery().count == 24)
    }
}

@Suite("settings")
struct StoreSettingsTests {
    @Test("a setting is absent, then stored, then replaced")
    func upsert() throws {
        let folder = try TemporaryFolder()
        let store = try folder.makeStore()
        #expect(try store.setting("site-url") == nil)
        try store.write { try store.setSetting("site-url", to: "https://one.example") }
        #expect(try store.setting("site-url") == "https://one.example")
        try store.write { try store.setSetting("site-url", to: "https://two.example") }
        #expect(try store.setting("site-url") == "https://two.example")
        #expect(try integer("SELECT count(*) FROM settings", in: store) == 1)
    }
}
