import Foundation
import Testing

/// Runs csw commands in one sandbox and checks that none prints a hidden text.
private struct OutputAudit {
    let sandbox: Sandbox
    var hidden: [String]

    /// Runs csw, checks both streams, and returns the result for more checks.
    @discardableResult
    func run(_ arguments: [String], status: Int32? = nil) throws -> ProcessResult {
        let result = try sandbox.csw(arguments)
        let command = "csw " + arguments.joined(separator: " ")
        if let status {
            #expect(result.status == status, "\(command) exited \(result.status): \(result.stderr)")
        }
        for text in hidden {
            #expect(!result.stdout.contains(text), "\(command) printed '\(text)' on standard output")
            #expect(!result.stderr.contains(text), "\(command) printed '\(text)' on standard error")
        }
        return result
    }

    /// Waits up to five seconds until `csw retry` has a delivery to send.
    func waitUntilDue() throws {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if try run(["retry", "--dry-run"]).stdout.contains("would retry") { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("no delivery became due within 5 seconds")
    }
}

@Suite("Secrets stay out of output")
struct SecuritySecretsTests {
    private let password = "Tr0ub4dor"
    private let token = "demo123"

    /// The key part of a secret, without `whsec_`, which must not appear either.
    private func key(_ secret: String) -> String { String(secret.dropFirst("whsec_".count)) }

    @Test("no command prints the secret, password or token")
    func nothingPrinted() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        #expect(try sandbox.csw(["config", "set", "retry-schedule", "1s,2s,1h"]).status == 0)
        let deliveredSecret = TestSecret.random()
        let failingSecret = TestSecret.random()
        let deliveredURL = "http://ops:\(password)@127.0.0.1:\(receiver.port)/in?token=\(token)"
        let failingURL = "http://ops:\(password)@127.0.0.1:\(try refusedPort())/in?token=\(token)"
        let headerValue = "Bearer header-\(UUID().uuidString)"
        let delivering = try sandbox.subscribe(deliveredURL, secret: deliveredSecret)
        let failing = try sandbox.subscribe(failingURL, secret: failingSecret, extra: ["--header", "Authorization: \(headerValue)"])
        // The Authorization header's value is a credential too: masked everywhere but --show-secret.
        var audit = OutputAudit(sandbox: sandbox, hidden: [key(deliveredSecret), key(failingSecret), password, token, headerValue])

        let secretPath = try sandbox.write("third-secret", TestSecret.random() + "\n")
        let third = try audit.run([
            "subscribe", "--url", deliveredURL + "&copy=1", "-e", "users", "--allow-private-network", "--secret-file", secretPath,
        ], status: 0)
        let thirdSecret = try String(contentsOfFile: secretPath, encoding: .utf8).trimmingCharacters(in: .newlines)
        audit.hidden.append(key(thirdSecret))
        #expect(third.stderr.contains("Secret fingerprint: "))

        try audit.run(["fire", "--event", "response_submitted", "--department", "planning", "--dry-run"], status: 0)
        try audit.run(["fire", "--event", "response_submitted", "--department", "planning", "--dry-run", "--json"], status: 0)
        let fired = try audit.run(["fire", "--event", "response_submitted", "--department", "planning"], status: 3)
        #expect(fired.stdout.contains("http://ops:***@127.0.0.1:"), "fire: \(fired.stdout)")
        #expect(fired.stdout.contains("connect_failed"))
        try audit.run(["fire", "--event", "response_submitted", "--department", "planning", "--json"], status: 3)
        let traced = try audit.run(["fire", "--event", "response_submitted", "--department", "planning", "--verbose"], status: 3)
        #expect(traced.stderr.contains("http:   webhook-signature: <redacted>"), "trace: \(traced.stderr)")
        #expect(traced.stderr.contains("http:   Authorization: ***"), "trace: \(traced.stderr)")
        #expect(!traced.stderr.contains(headerValue))
        #expect(try receiver.waitForRecords(3).count == 3)

        for format in [["list"], ["list", "--json"], ["list", "--format", "tsv"], ["list", "--format", "table"]] {
            try audit.run(format, status: 0)
        }
        for id in [delivering, failing] {
            let shown = try audit.run(["show", id], status: 0)
            #expect(shown.stdout.contains("secret:      hidden; --show-secret prints it"))
            try audit.run(["show", id, "--json"], status: 0)
            try audit.run(["show", id, "--verbose"], status: 0)
        }

        try audit.run(["deliveries"], status: 0)
        try audit.run(["deliveries", "--failed"], status: 0)
        let logged = try jsonArray(try audit.run(["deliveries", "--json"], status: 0).stdout)
        #expect(logged.count == 6)
        for delivery in logged {
            let id = try #require(delivery["id"] as? String)
            try audit.run(["deliveries", "show", id], status: 0)
            try audit.run(["deliveries", "show", id, "--json"], status: 0)
        }

        try audit.waitUntilDue()
        try audit.run(["retry"], status: 3)
        try audit.waitUntilDue()
        try audit.run(["retry", "--json"], status: 3)
        let failedID = try #require(logged.first { $0["subscription_id"] as? String == failing }?["id"] as? String)
        let deliveredID = try #require(logged.first { $0["subscription_id"] as? String == delivering }?["id"] as? String)
        try audit.run(["redeliver", failedID], status: 3)
        try audit.run(["redeliver", deliveredID, "--json", "--verbose"], status: 0)

        let bodyPath = try sandbox.write("body.json", "{}")
        try audit.run([
            "verify", "--subscription", delivering, "--id", "msg_1", "--timestamp", String(Int(Date().timeIntervalSince1970)),
            "--signature", "v1,AAAA", "--body-file", bodyPath,
        ], status: 4)
        try audit.run(["update", failing, "--description", "ops hook", "--json"], status: 0)
        try audit.run(["disable", failing], status: 0)
        try audit.run(["enable", failing], status: 0)

        let badImport = try sandbox.writeJSON("import.json", ["format": "csw-export", "version": 1, "subscriptions": [[
            "id": "sub_imported0001", "url": "https://ops:\(password)@hooks.example.test/in?token=\(token)#part", "events": ["users"],
            "secret": deliveredSecret,
        ]]])
        try audit.run(["import", badImport], status: 1)
        let badSecret = try sandbox.writeJSON("import-secret.json", ["format": "csw-export", "version": 1, "subscriptions": [[
            "id": "sub_imported0002", "url": "https://hooks.example.test/in", "events": ["users"], "secret": deliveredSecret + "x",
        ]]])
        try audit.run(["import", badSecret], status: 1)

        // rotate-secret shows its new secret once, by design, and nothing else.
        let rotated = try audit.run(["rotate-secret", delivering, "--grace", "1h", "--json"], status: 0)
        let newSecret = try #require(try jsonObject(rotated.stdout)["secret"] as? String)
        audit.hidden.append(key(newSecret))
        try audit.run(["show", delivering], status: 0)
        try audit.run(["show", delivering, "--json"], status: 0)
        try audit.run(["list", "--json"], status: 0)
        try audit.run(["fire", "--event", "response_submitted", "--department", "planning", "--to", delivering, "--verbose"], status: 0)
    }

    @Test("show-secret and export reveal what the others hide")
    func documentedExceptions() throws {
        let sandbox = try Sandbox()
        let secret = TestSecret.random()
        let url = "https://ops:\(password)@hooks.example.test/in?token=\(token)"
        let id = try sandbox.subscribe(url, secret: secret, extra: ["--header", "X-Api-Key: key-\(token)"])
        #expect(try sandbox.csw(["rotate-secret", id, "--grace", "1h", "--quiet"]).status == 0)

        let masked = try sandbox.csw(["show", id])
        #expect(masked.stdout.contains("header:      X-Api-Key: ***"), "show: \(masked.stdout)")

        let shown = try sandbox.csw(["show", id, "--show-secret"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("url:         \(url)"))
        #expect(shown.stdout.contains("old secret:  \(secret) also signs until "), "show: \(shown.stdout)")
        let object = try jsonObject(try sandbox.csw(["show", id, "--json", "--show-secret"]).stdout)
        #expect(object["url"] as? String == url)
        #expect(shown.stdout.contains("header:      X-Api-Key: key-\(token)"), "show: \(shown.stdout)")
        #expect(object["previous_secret"] as? String == secret)
        let current = try #require(object["secret"] as? String)
        #expect(current.hasPrefix("whsec_"))
        #expect(current != secret)
        #expect(shown.stdout.contains("secret:      \(current)"))

        let exported = try sandbox.csw(["export"])
        #expect(exported.status == 0)
        #expect(exported.stdout.contains(current))
        #expect(exported.stdout.contains(password))
        #expect(exported.stdout.contains(token))
    }
}
