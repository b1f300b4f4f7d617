import Foundation
import Testing

@Suite("Fire: request headers")
struct DeliveryHeaderTests {
    @Test("standard and custom headers arrive")
    func headersArrive() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        try sandbox.subscribe(
            receiver.url("/hook"), extra: ["--header", "X-Tenant: planning-dept", "--header", "Authorization: Bearer abc123"])
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning", "--json"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let record = try #require(try receiver.records().first)
        #expect(record.method == "POST")

        let contentTypes = record.headers.filter { $0.name.lowercased() == "content-type" }.map(\.value)
        #expect(contentTypes == ["application/json"])
        let version = try sandbox.csw(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let userAgent = record.value(of: "user-agent") ?? ""
        #expect(userAgent.hasPrefix("csw/"), "User-Agent: \(userAgent)")
        let agentVersion = String(userAgent.dropFirst(4))
        #expect(!agentVersion.isEmpty, "User-Agent: \(userAgent)")
        #expect(version.contains(agentVersion), "User-Agent \(userAgent), version \(version)")
        #expect(record.value(of: "x-tenant") == "planning-dept")
        #expect(record.value(of: "authorization") == "Bearer abc123")
        #expect(record.value(of: "expect") == nil)
        #expect(record.value(of: "content-length") == String(record.body.count))

        let deliveryID = try #require(try sandbox.deliveries().first?["id"] as? String)
        #expect(record.webhookID == deliveryID)
        let timestamp = try #require(record.value(of: "webhook-timestamp").flatMap(Int.init))
        #expect(abs(Double(timestamp) - Date().timeIntervalSince1970) < 60)
        let signature = record.value(of: "webhook-signature") ?? ""
        #expect(signature.hasPrefix("v1,"))
        #expect(Data(base64Encoded: String(signature.dropFirst(3)))?.count == 32)
    }

    @Test("header value with CR LF is rejected")
    func headerWithLineBreakRejected() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let created = try sandbox.csw([
            "subscribe", "--url", receiver.url("/hook"), "--event", "response_submitted", "--allow-private-network",
            "--header", "X-Bad: one\r\nX-Injected: two",
        ])
        #expect(created.status != 0, "a header value with CR LF was accepted")
        #expect(try receiver.records().isEmpty)
    }
}

@Suite("Fire: each request is signed when it is sent")
struct DeliveryTimestampTests {
    @Test("webhook-timestamp is the send time")
    func timestampIsSendTime() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let secret = TestSecret.random()
        for number in 0..<3 {
            try sandbox.subscribe(receiver.url("/slow-\(number)?delay=1.5"), secret: secret)
        }
        // One request at a time, each responded to after 1.5 s: the third one is
        // sent about 3 s after the run starts.
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning", "--concurrency", "1"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let records = try receiver.records()
        #expect(records.count == 3)
        for record in records {
            let timestamp = try #require(record.value(of: "webhook-timestamp").flatMap(Double.init))
            #expect(record.time - timestamp < 2, "\(record.path) was sent \(record.time - timestamp) s after its timestamp")
            #expect(try StandardWebhooks.verificationError(secret: secret, record: record) == nil)
        }
    }
}
