import Foundation
import Testing

/// Counts how often each webhook-id reached the receiver.
private func countsByWebhookID(_ records: [ReceivedRecord]) -> [String: Int] {
    var counts: [String: Int] = [:]
    for record in records { counts[record.webhookID ?? "none", default: 0] += 1 }
    return counts
}

/// Polls `condition` every 50 ms until it is true or `timeout` seconds pass.
private func waitUntil(timeout: TimeInterval, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return try condition()
}

@Suite("Deliveries survive a killed csw and are sent once")
struct DeliveryDurabilityTests {
    @Test("retry after SIGKILL finishes each delivery once")
    func retryAfterKill() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        var fastIDs: [String] = []
        var slowIDs: [String] = []
        for number in 0..<5 {
            fastIDs.append(try sandbox.subscribe(receiver.url("/fast-\(number)?status=200")))
        }
        for number in 0..<15 {
            slowIDs.append(try sandbox.subscribe(receiver.url("/slow-\(number)?seq=hang,200&hang=20")))
        }

        let firing = try sandbox.start([
            "fire", "--event", "response_submitted", "--department", "planning", "--timeout", "30s",
        ])
        // Every request is in flight and every fast one recorded as delivered:
        // the outbox was committed before the first request went out.
        let ready = try waitUntil(timeout: 20) {
            guard try receiver.records().count >= 20 else { return false }
            let states = try sandbox.deliveries().compactMap { $0["state"] as? String }
            return states.filter { $0 == "delivered" }.count == 5 && states.filter { $0 == "pending" }.count == 15
        }
        #expect(ready, "the fire run did not reach 5 delivered and 15 pending")
        firing.signal(SIGKILL)
        let killed = firing.wait(timeout: 10)
        #expect(killed.signaled)

        let before = try receiver.records()
        #expect(before.count == 20)
        let deliveredBefore = Set(try sandbox.deliveries().filter { $0["state"] as? String == "delivered" }.compactMap { $0["id"] as? String })

        let retried = try sandbox.csw(["retry", "--json", "--timeout", "10s"])
        #expect(retried.status == 0, "stderr: \(retried.stderr)")
        let reports = try jsonArray(retried.stdout)
        #expect(reports.count == 15)

        let deliveries = try sandbox.deliveries()
        #expect(deliveries.count == 20)
        #expect(deliveries.allSatisfy { $0["state"] as? String == "delivered" })
        let counts = countsByWebhookID(try receiver.records())
        for delivery in deliveries {
            let id = delivery["id"] as? String ?? ""
            let subscription = delivery["subscription_id"] as? String ?? ""
            if fastIDs.contains(subscription) {
                #expect(counts[id] == 1, "delivery \(id), delivered before the kill, reached the receiver \(counts[id] ?? 0) times")
                #expect(deliveredBefore.contains(id))
            } else {
                #expect(counts[id] == 2, "delivery \(id) reached the receiver \(counts[id] ?? 0) times")
                #expect(!deliveredBefore.contains(id))
            }
        }
        #expect(Set(counts.keys) == Set(deliveries.compactMap { $0["id"] as? String }))
        #expect(try receiver.records().count == 35)

        let again = try sandbox.csw(["retry", "--json"])
        #expect(again.status == 0)
        #expect(try receiver.records().count == 35)
    }

    @Test("retry skips a running fire's deliveries")
    func retrySkipsLiveClaims() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        for number in 0..<3 {
            try sandbox.subscribe(receiver.url("/wait-\(number)?seq=hang,200&hang=20"))
        }
        let firing = try sandbox.start([
            "fire", "--event", "response_submitted", "--department", "planning", "--timeout", "30s",
        ])
        let inFlight = try waitUntil(timeout: 20) {
            try receiver.records().count >= 3 && sandbox.deliveries().count == 3
        }
        #expect(inFlight, "the fire run did not send its 3 requests")

        let retried = try sandbox.csw(["retry", "--json"])
        #expect(retried.status == 0, "stderr: \(retried.stderr)")
        #expect(try jsonArray(retried.stdout).isEmpty, "retry took over claimed deliveries: \(retried.stdout)")
        #expect(try receiver.records().count == 3)
        let redelivered = try sandbox.csw(["redeliver", try sandbox.deliveries()[0]["id"] as? String ?? ""])
        #expect(redelivered.status == 1, "redeliver of a claimed delivery: \(redelivered.stderr)")
        #expect(redelivered.stderr.contains("being sent"), "stderr: \(redelivered.stderr)")

        firing.signal(SIGKILL)
        _ = firing.wait(timeout: 10)
        let afterKill = try sandbox.csw(["retry", "--json"])
        #expect(afterKill.status == 0, "stderr: \(afterKill.stderr)")
        #expect(try jsonArray(afterKill.stdout).count == 3)
        #expect(try receiver.records().count == 6)
    }

    @Test("concurrent retry runs never duplicate")
    func concurrentRetriesClaim() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        for number in 0..<12 {
            try sandbox.subscribe(receiver.url("/c-\(number)?seq=500,200&delay=0.3"))
        }
        #expect(try sandbox.csw(["config", "set", "retry-schedule", "1s,1h"]).status == 0)
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 3)
        #expect(try receiver.records().count == 12)
        Thread.sleep(forTimeInterval: 1.3)

        let first = try sandbox.start(["retry", "--json", "--concurrency", "4"])
        let second = try sandbox.start(["retry", "--json", "--concurrency", "4"])
        let results = [first.wait(timeout: 30), second.wait(timeout: 30)]
        for result in results {
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }
        let reported = try results.flatMap { try jsonArray($0.stdout) }.compactMap { $0["id"] as? String }
        #expect(reported.count == 12, "the two runs reported \(reported.count) deliveries together")
        #expect(Set(reported).count == reported.count)

        let counts = countsByWebhookID(try receiver.records())
        #expect(counts.count == 12)
        #expect(counts.values.allSatisfy { $0 == 2 }, "requests per webhook-id: \(counts)")
        let deliveries = try sandbox.deliveries()
        #expect(deliveries.allSatisfy { $0["state"] as? String == "delivered" })
        #expect(deliveries.allSatisfy { $0["attempts"] as? Int == 2 })
    }
}
