import Foundation
import Testing

extension Sandbox {
    /// Returns the fingerprint from the text of `csw show ID`.
    fileprivate func shownFingerprint(_ id: String) throws -> String {
        let shown = try csw(["show", id])
        guard let line = lines(shown.stdout).first(where: { $0.hasPrefix("fingerprint:") }) else {
            throw HarnessError("csw show \(id) printed no fingerprint: \(shown.stdout) \(shown.stderr)")
        }
        return String(line.dropFirst("fingerprint:".count)).trimmingCharacters(in: .whitespaces)
    }

    /// Returns the current secret from `csw show ID --json --show-secret`.
    fileprivate func currentSecret(_ id: String) throws -> String {
        guard let secret = try subscription(id, showSecret: true)["secret"] as? String else {
            throw HarnessError("csw show \(id) --show-secret printed no secret")
        }
        return secret
    }

    fileprivate func subscription(_ id: String, showSecret: Bool) throws -> [String: Any] {
        let result = try csw(["show", id, "--json"] + (showSecret ? ["--show-secret"] : []))
        guard result.status == 0 else { throw HarnessError("csw show failed: \(result.stderr)") }
        return try jsonObject(result.stdout)
    }

    /// Runs `csw verify` on a received request with extra secret options.
    fileprivate func verify(_ record: ReceivedRecord, _ secretOptions: [String]) throws -> ProcessResult {
        let bodyPath = try write("body-\(UUID().uuidString.prefix(8))", "")
        try record.body.write(to: URL(fileURLWithPath: bodyPath))
        return try csw([
            "verify", "--id", record.webhookID ?? "", "--timestamp", record.value(of: "webhook-timestamp") ?? "",
            "--signature", record.value(of: "webhook-signature") ?? "", "--body-file", bodyPath,
        ] + secretOptions)
    }
}

@Suite("Secret rotation")
struct SecurityRotationTests {
    @Test("grace period signs with old and new secret")
    func graceSignsWithBoth() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let id = try sandbox.subscribe(receiver.url("/hook"))
        let oldSecret = try sandbox.currentSecret(id)
        let oldFingerprint = try expectedFingerprint(ofSecret: oldSecret)
        #expect(try sandbox.shownFingerprint(id) == oldFingerprint)

        let rotated = try sandbox.csw(["rotate-secret", id, "--grace", "1h"])
        #expect(rotated.status == 0, "stderr: \(rotated.stderr)")
        let newSecret = rotated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(lines(rotated.stdout).count == 1)
        #expect(newSecret.hasPrefix("whsec_"))
        #expect(newSecret != oldSecret)
        #expect(try sandbox.currentSecret(id) == newSecret)
        let newFingerprint = try expectedFingerprint(ofSecret: newSecret)
        #expect(rotated.stderr.contains("New secret fingerprint: \(newFingerprint)"), "stderr: \(rotated.stderr)")
        #expect(rotated.stderr.contains("The old secret also signs until "), "stderr: \(rotated.stderr)")
        #expect(try sandbox.shownFingerprint(id) == newFingerprint)
        let shown = try sandbox.csw(["show", id]).stdout
        #expect(shown.contains("old secret:  \(oldFingerprint) also signs until "), "show: \(shown)")

        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let record = try #require(try receiver.waitForRecords(1).first)
        let signatures = (record.value(of: "webhook-signature") ?? "").split(separator: " ")
        #expect(signatures.count == 2)
        #expect(signatures.allSatisfy { $0.hasPrefix("v1,") })
        #expect(try StandardWebhooks.verificationError(secret: oldSecret, record: record) == nil)
        #expect(try StandardWebhooks.verificationError(secret: newSecret, record: record) == nil)
        #expect(try StandardWebhooks.verificationError(secret: TestSecret.random(), record: record) != nil)

        let oldPath = try sandbox.write("old-secret", oldSecret + "\n")
        let newPath = try sandbox.write("new-secret", newSecret + "\n")
        #expect(try sandbox.verify(record, ["--subscription", id]).status == 0)
        #expect(try sandbox.verify(record, ["--secret-file", oldPath]).status == 0)
        #expect(try sandbox.verify(record, ["--secret-file", newPath]).status == 0)

        // The listener reads the secrets when it starts, so the subscription
        // moves to the listener's URL after it is up.
        let listener = try ListeningCSW(sandbox, ["--subscription", id, "--count", "1", "--json"])
        #expect(try sandbox.csw(["update", id, "--url", listener.url("/in")]).status == 0)
        let deliveryID = try #require(record.webhookID)
        let redelivered = try sandbox.csw(["redeliver", deliveryID])
        #expect(redelivered.status == 0, "stderr: \(redelivered.stderr)")
        let listened = listener.process.wait(timeout: 10)
        let received = try jsonObject(lines(listened.stdout).first ?? "")
        let verification = received["verification"] as? [String: Any]
        #expect(verification?["valid"] as? Bool == true, "csw listen: \(listened.stdout) \(listened.stderr)")
        let listenedSignature = (received["headers"] as? [String: Any])?["webhook-signature"] as? String
        #expect(listenedSignature?.split(separator: " ").count == 2)
    }

    @Test("after the grace period only the newest secret signs", arguments: ["0s", "1s"])
    func graceEnds(_ grace: String) throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let id = try sandbox.subscribe(receiver.url("/hook"))
        let firstSecret = try sandbox.currentSecret(id)
        #expect(try sandbox.csw(["rotate-secret", id, "--grace", "1h", "--quiet"]).status == 0)
        let secondSecret = try sandbox.currentSecret(id)

        let rotated = try sandbox.csw(["rotate-secret", id, "--grace", grace])
        #expect(rotated.status == 0, "stderr: \(rotated.stderr)")
        let newestSecret = rotated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try sandbox.currentSecret(id) == newestSecret)
        if grace == "0s" {
            #expect(rotated.stderr.contains("The old secret no longer signs."), "stderr: \(rotated.stderr)")
        } else {
            Thread.sleep(forTimeInterval: 1.3)
        }
        #expect(!(try sandbox.csw(["show", id]).stdout.contains("old secret:")))
        #expect(try sandbox.subscription(id, showSecret: true)["previous_secret"] == nil)

        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let record = try #require(try receiver.waitForRecords(1).first)
        #expect((record.value(of: "webhook-signature") ?? "").split(separator: " ").count == 1)
        #expect(try StandardWebhooks.verificationError(secret: newestSecret, record: record) == nil)
        #expect(try StandardWebhooks.verificationError(secret: secondSecret, record: record) != nil)
        #expect(try StandardWebhooks.verificationError(secret: firstSecret, record: record) != nil)

        #expect(try sandbox.verify(record, ["--subscription", id]).status == 0)
        let secondPath = try sandbox.write("second-secret", secondSecret + "\n")
        let rejected = try sandbox.verify(record, ["--secret-file", secondPath])
        #expect(rejected.status == 4)
        #expect(rejected.stderr.contains("invalid:"), "stderr: \(rejected.stderr)")
    }

    @Test("fingerprint follows the secret")
    func fingerprintFollowsSecret() throws {
        let sandbox = try Sandbox()
        let shared = TestSecret.random()
        let sharedPath = try sandbox.write("shared-secret", shared + "\n")
        let rotating = try sandbox.addSubscription("https://hooks.example.test/a")
        let fixed = try sandbox.addSubscription("https://hooks.example.test/b", ["--event", "users", "--secret-file", sharedPath])

        let generated = try sandbox.shownFingerprint(rotating)
        #expect(try sandbox.shownFingerprint(rotating) == generated, "the same secret showed two fingerprints")
        #expect(generated == (try expectedFingerprint(ofSecret: try sandbox.currentSecret(rotating))))

        let toShared = try sandbox.csw(["rotate-secret", rotating, "--secret-file", sharedPath, "--grace", "0s"])
        #expect(toShared.status == 0, "stderr: \(toShared.stderr)")
        #expect(toShared.stdout.isEmpty, "a secret from a file was printed")
        let sharedFingerprint = try expectedFingerprint(ofSecret: shared)
        #expect(toShared.stderr.contains("New secret fingerprint: \(sharedFingerprint)"))
        #expect(try sandbox.shownFingerprint(rotating) == sharedFingerprint)
        #expect(try sandbox.shownFingerprint(fixed) == sharedFingerprint)
        #expect(sharedFingerprint != generated)
        #expect(try sandbox.subscription(rotating, showSecret: false)["secret_fingerprint"] as? String == sharedFingerprint)

        let same = try sandbox.csw(["rotate-secret", rotating, "--secret-file", sharedPath])
        #expect(same.status == 2)
        #expect(same.stderr.contains("the new secret is the same as the current one"))
        #expect(!same.stderr.contains(shared))

        #expect(try sandbox.csw(["rotate-secret", rotating, "--quiet"]).status == 0)
        let rotatedAgain = try sandbox.shownFingerprint(rotating)
        #expect(rotatedAgain != sharedFingerprint)
        #expect(rotatedAgain == (try expectedFingerprint(ofSecret: try sandbox.currentSecret(rotating))))
    }
}
