import Foundation
import Testing

/// A webhook signed by the standardwebhooks library, ready for `csw verify`.
private struct SignedWebhook {
    let sandbox: Sandbox
    let secret: String
    let secretPath: String
    let id = "msg_2Lk9ZyQpTestVerify"
    let body = Data("{\"event\":\"response_submitted\",\"note\":\"Café 🚀\"}\n".utf8)
    let timestamp: Int
    let signature: String

    init(age: TimeInterval = 0) throws {
        sandbox = try Sandbox()
        secret = TestSecret.random()
        secretPath = try sandbox.write("secret", secret + "\n")
        timestamp = Int(Date().timeIntervalSince1970 - age)
        signature = try StandardWebhooks.sign(secret: secret, id: id, timestamp: timestamp, body: body)
    }

    /// Runs `csw verify` with these headers, the body on standard input
    /// unless the arguments name a file.
    func verify(body: Data? = nil, secretPath: String? = nil, extra: [String] = []) throws -> ProcessResult {
        let arguments = [
            "verify", "--secret-file", secretPath ?? self.secretPath, "--id", id, "--timestamp", String(timestamp),
            "--signature", signature,
        ]
        return try sandbox.csw(arguments + extra, stdin: body ?? self.body)
    }
}

@Suite("csw verify checks what the standardwebhooks library signs")
struct VerifyTests {
    @Test("library signature valid from standard input")
    func validFromStandardInput() throws {
        let webhook = try SignedWebhook()
        let result = try webhook.verify()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("valid"))
    }

    @Test("library signature valid with --body-file")
    func validFromBodyFile() throws {
        let webhook = try SignedWebhook()
        let path = webhook.sandbox.path("body.json")
        try webhook.body.write(to: URL(fileURLWithPath: path))
        let result = try webhook.verify(body: Data("ignored".utf8), extra: ["--body-file", path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
    }

    @Test("tampered body is rejected with exit 4")
    func tamperedBodyRejected() throws {
        let webhook = try SignedWebhook()
        var changed = webhook.body
        changed.removeLast()
        let result = try webhook.verify(body: changed)
        #expect(result.status == 4)
        #expect(result.stderr.contains("invalid"))
        #expect(result.stderr.contains("signature"), "stderr: \(result.stderr)")
    }

    @Test("wrong secret is rejected with exit 4")
    func wrongSecretRejected() throws {
        let webhook = try SignedWebhook()
        let other = try webhook.sandbox.write("other-secret", TestSecret.random() + "\n")
        let result = try webhook.verify(secretPath: other)
        #expect(result.status == 4)
        #expect(result.stderr.contains("signature"), "stderr: \(result.stderr)")
    }

    @Test("timestamp 10 minutes old is rejected with exit 4")
    func oldTimestampRejected() throws {
        let webhook = try SignedWebhook(age: 600)
        let result = try webhook.verify()
        #expect(result.status == 4)
        #expect(result.stderr.contains("too old"), "stderr: \(result.stderr)")
        let tolerant = try webhook.verify(extra: ["--tolerance", "15m"])
        #expect(tolerant.status == 0, "stderr: \(tolerant.stderr)")
    }

    @Test("--subscription secret verifies")
    func subscriptionSecretVerifies() throws {
        let webhook = try SignedWebhook()
        let id = try webhook.sandbox.subscribe("http://127.0.0.1:9/never-sent", secret: webhook.secret)
        let result = try webhook.sandbox.csw(
            ["verify", "--subscription", id, "--id", webhook.id, "--timestamp", String(webhook.timestamp), "--signature", webhook.signature],
            stdin: webhook.body)
        #expect(result.status == 0, "stderr: \(result.stderr)")
    }

    @Test("sent delivery passes csw verify")
    func sentDeliveryVerifies() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let secret = TestSecret.random()
        let secretPath = try sandbox.write("secret", secret + "\n")
        try sandbox.subscribe(receiver.url("/hook"), secret: secret)
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let record = try #require(try receiver.records().first)
        let result = try sandbox.csw(
            [
                "verify", "--secret-file", secretPath, "--id", record.value(of: "webhook-id") ?? "",
                "--timestamp", record.value(of: "webhook-timestamp") ?? "", "--signature", record.value(of: "webhook-signature") ?? "",
            ], stdin: record.body)
        #expect(result.status == 0, "stderr: \(result.stderr)")
    }
}
