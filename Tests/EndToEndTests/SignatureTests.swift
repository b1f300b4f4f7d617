import Foundation
import Testing

@Suite("Signatures verify with the standardwebhooks library")
struct SignatureTests {
    @Test("fire run deliveries verify")
    func fireRunVerifies() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let secrets = (0..<3).map { _ in TestSecret.random() }
        var secretByPath: [String: String] = [:]
        for (number, secret) in secrets.enumerated() {
            try sandbox.subscribe(receiver.url("/hook-\(number)"), secret: secret)
            secretByPath["/hook-\(number)"] = secret
        }
        let path = try sandbox.write("body.json", "{\"department_id\":\"planning\",\"text\":\"Café 🚀\\n\\u00e9\",\"n\":1.50}\n")
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--data", "@" + path])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")

        let records = try receiver.records()
        #expect(records.count == 3)
        for record in records {
            let secret = try #require(secretByPath[record.path])
            #expect(try StandardWebhooks.verificationError(secret: secret, record: record) == nil, "\(record.path)")
            let other = secrets.first { $0 != secret }!
            #expect(try StandardWebhooks.verificationError(secret: other, record: record) != nil, "\(record.path) verified with another secret")
        }
    }

    @Test("tampered body fails the library's check")
    func tamperedBodyFails() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let secret = TestSecret.random()
        try sandbox.subscribe(receiver.url("/hook"), secret: secret)
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let record = try #require(try receiver.records().first)
        var changed = record.body
        changed.append(UInt8(ascii: " "))
        let tampered = ReceivedRecord(
            method: record.method, target: record.target, path: record.path, headers: record.headers, body: changed,
            time: record.time, index: record.index)
        #expect(try StandardWebhooks.verificationError(secret: secret, record: tampered) != nil)
    }

    @Test("both secrets sign during a rotation's grace period")
    func rotationSignsTwice() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let old = TestSecret.random()
        let new = TestSecret.random()
        let id = try sandbox.subscribe(receiver.url("/hook"), secret: old)
        let newPath = try sandbox.write("new-secret", new + "\n")
        let rotated = try sandbox.csw(["rotate-secret", id, "--secret-file", newPath, "--grace", "1h"])
        #expect(rotated.status == 0, "stderr: \(rotated.stderr)")

        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let record = try #require(try receiver.records().first)
        #expect(record.value(of: "webhook-signature")?.split(separator: " ").count == 2)
        #expect(try StandardWebhooks.verificationError(secret: old, record: record) == nil)
        #expect(try StandardWebhooks.verificationError(secret: new, record: record) == nil)
        #expect(try StandardWebhooks.verificationError(secret: TestSecret.random(), record: record) != nil)
    }
}
