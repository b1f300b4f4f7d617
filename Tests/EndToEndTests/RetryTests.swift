import Foundation
import Testing

@Suite("Retries keep the webhook-id and sign again")
struct RetryTests {
    @Test("--retries 2 keeps one webhook-id")
    func retriesUntilSuccess() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let secret = TestSecret.random()
        try sandbox.subscribe(receiver.url("/flaky?seq=500,500,200"), secret: secret)

        let fired = try sandbox.csw([
            "fire", "--event", "response_submitted", "--department", "planning", "--retries", "2", "--json",
        ])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let records = try receiver.records()
        #expect(records.count == 3)
        let ids = Set(records.compactMap(\.webhookID))
        #expect(ids.count == 1)
        let deliveryID = try #require(ids.first)

        let timestamps = records.compactMap { $0.value(of: "webhook-timestamp").flatMap(Int.init) }
        #expect(timestamps.count == 3)
        for (record, timestamp) in zip(records, timestamps) {
            // Each attempt is signed when it is sent, not when the run started.
            #expect(abs(Double(timestamp) - record.time) < 1.5, "timestamp \(timestamp) for a request read at \(record.time)")
            #expect(try StandardWebhooks.verificationError(secret: secret, record: record) == nil)
        }
        #expect(timestamps == timestamps.sorted())
        #expect(timestamps.last! > timestamps.first!, "three attempts with backoff span more than one second")
        #expect(Set(records.map(\.body)).count == 1)

        let detail = try sandbox.delivery(deliveryID)
        #expect(detail["state"] as? String == "delivered")
        #expect(detail["attempts"] as? [[String: Any]] != nil)
        let attempts = detail["attempts"] as? [[String: Any]] ?? []
        #expect(attempts.map { $0["number"] as? Int } == [1, 2, 3])
        #expect(attempts.map { $0["status_code"] as? Int } == [500, 500, 200])
    }

    @Test("--retries stops at the limit")
    func retriesRunOut() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        try sandbox.subscribe(receiver.url("/down?status=503"))
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning", "--retries", "1"])
        #expect(fired.status == 3)
        #expect(try receiver.records().count == 2)
        let delivery = try #require(try sandbox.deliveries().first)
        #expect(delivery["attempts"] as? Int == 2)
        #expect(delivery["state"] as? String == "failed")
    }

    @Test("404 is not retried within a run")
    func clientErrorNotRetried() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        try sandbox.subscribe(receiver.url("/missing?status=404"))
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning", "--retries", "2"])
        #expect(fired.status == 3)
        #expect(try receiver.records().count == 1)
    }

    @Test("429 Retry-After 1 is honoured between attempts")
    func retryAfterHonoured() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        try sandbox.subscribe(receiver.url("/busy?seq=429,200&retry_after=1"))
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning", "--retries", "1"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let records = try receiver.records()
        #expect(records.count == 2)
        if records.count == 2 {
            let gap = records[1].time - records[0].time
            #expect(gap >= 0.95, "second attempt came \(gap) s after the first")
            #expect(records[0].webhookID == records[1].webhookID)
        }
        let delivery = try #require(try sandbox.deliveries().first)
        #expect(delivery["state"] as? String == "delivered")
        #expect(delivery["attempts"] as? Int == 2)
    }

    @Test("retry sends a due failed delivery")
    func retryCommandSendsDue() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let secret = TestSecret.random()
        try sandbox.subscribe(receiver.url("/later?seq=500,200"), secret: secret)
        #expect(try sandbox.csw(["config", "set", "retry-schedule", "1s,1h"]).status == 0)

        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 3)
        let early = try sandbox.csw(["retry"])
        #expect(early.status == 0)
        #expect(try receiver.records().count == 1, "a delivery not yet due was sent")

        Thread.sleep(forTimeInterval: 1.3)
        let retried = try sandbox.csw(["retry", "--json"])
        #expect(retried.status == 0, "stderr: \(retried.stderr)")
        let records = try receiver.records()
        #expect(records.count == 2)
        #expect(Set(records.compactMap(\.webhookID)).count == 1)
        for record in records {
            #expect(try StandardWebhooks.verificationError(secret: secret, record: record) == nil)
        }
        let delivery = try #require(try sandbox.deliveries().first)
        #expect(delivery["state"] as? String == "delivered")
        #expect(delivery["attempts"] as? Int == 2)
    }
}

@Suite("Redeliver sends a past delivery again")
struct RetryRedeliverTests {
    @Test("redeliver keeps the webhook-id and adds an attempt")
    func redeliverSameID() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let secret = TestSecret.random()
        try sandbox.subscribe(receiver.url("/hook?status=204"), secret: secret)
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let id = try #require(try sandbox.deliveries().first?["id"] as? String)

        let redelivered = try sandbox.csw(["redeliver", id])
        #expect(redelivered.status == 0, "stderr: \(redelivered.stderr)")
        let records = try receiver.records()
        #expect(records.count == 2)
        #expect(records.map(\.webhookID) == [id, id])
        #expect(records[0].body == records[1].body)
        for record in records {
            #expect(try StandardWebhooks.verificationError(secret: secret, record: record) == nil)
        }
        let detail = try sandbox.delivery(id)
        #expect(detail["attempts"] as? [[String: Any]] != nil)
        #expect((detail["attempts"] as? [[String: Any]])?.count == 2)
        #expect(detail["state"] as? String == "delivered")
    }

    @Test("redeliver records the new outcome")
    func redeliverAfterFailure() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        try sandbox.subscribe(receiver.url("/hook?seq=404,204"))
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 3)
        let id = try #require(try sandbox.deliveries().first?["id"] as? String)

        let redelivered = try sandbox.csw(["redeliver", String(id.prefix(10))])
        #expect(redelivered.status == 0, "stderr: \(redelivered.stderr)")
        let delivery = try #require(try sandbox.deliveries().first)
        #expect(delivery["state"] as? String == "delivered")
        #expect(delivery["attempts"] as? Int == 2)
        #expect(try receiver.records().map(\.webhookID) == [id, id])
    }
}
