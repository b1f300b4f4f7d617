import Foundation
import Testing

/// A receiver response and the log entry csw must make of it.
struct StatusCase: CustomTestStringConvertible, Sendable {
    let name: String
    /// The receiver query that selects the response.
    let query: String
    let outcome: String
    let state: String
    let statusCode: Int
    /// Text the delivery's reason must contain.
    let reasonPart: String
    let exitStatus: Int32

    var testDescription: String { name }
}

/// Fires response_submitted for planning and returns the result.
private func fire(_ sandbox: Sandbox, _ extra: [String] = []) throws -> ProcessResult {
    try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"] + extra)
}

/// Returns the one delivery in the log, or throws when there is not exactly one.
private func onlyDelivery(_ sandbox: Sandbox) throws -> [String: Any] {
    let deliveries = try sandbox.deliveries()
    guard deliveries.count == 1 else { throw HarnessError("expected one delivery, found \(deliveries.count)") }
    return deliveries[0]
}

@Suite("Fire: outcome of each receiver response")
struct DeliveryOutcomeTests {
    static let statusCases: [StatusCase] = [
        StatusCase(name: "200 OK", query: "status=200", outcome: "delivered", state: "delivered", statusCode: 200, reasonPart: "HTTP 200", exitStatus: 0),
        StatusCase(name: "201 Created", query: "status=201", outcome: "delivered", state: "delivered", statusCode: 201, reasonPart: "HTTP 201", exitStatus: 0),
        StatusCase(name: "204 No Content", query: "status=204", outcome: "delivered", state: "delivered", statusCode: 204, reasonPart: "HTTP 204", exitStatus: 0),
        StatusCase(name: "404 Not Found", query: "status=404&body=no+such+hook", outcome: "http_error", state: "failed", statusCode: 404, reasonPart: "HTTP 404 Not Found: no such hook", exitStatus: 3),
        StatusCase(name: "500 Internal Server Error", query: "status=500", outcome: "http_error", state: "failed", statusCode: 500, reasonPart: "HTTP 500", exitStatus: 3),
        StatusCase(name: "503 Service Unavailable", query: "status=503", outcome: "http_error", state: "failed", statusCode: 503, reasonPart: "HTTP 503", exitStatus: 3),
        StatusCase(name: "400 Bad Request", query: "status=400&body=bad", outcome: "http_error", state: "failed", statusCode: 400, reasonPart: "HTTP 400 Bad Request: bad", exitStatus: 3),
    ]

    @Test("status sets outcome and exit status", arguments: statusCases)
    func statusOutcome(_ testCase: StatusCase) throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        try sandbox.subscribe(receiver.url("/hook?\(testCase.query)"))

        let fired = try fire(sandbox)
        #expect(fired.status == testCase.exitStatus, "stderr: \(fired.stderr)")
        let delivery = try onlyDelivery(sandbox)
        #expect(delivery["outcome"] as? String == testCase.outcome)
        #expect(delivery["state"] as? String == testCase.state)
        #expect(delivery["status_code"] as? Int == testCase.statusCode)
        #expect((delivery["reason"] as? String ?? "").contains(testCase.reasonPart), "reason: \(delivery["reason"] ?? "none")")
        #expect(delivery["attempts"] as? Int == 1)
        #expect(try receiver.records().count == 1)
    }

    @Test("exit status is 3 when only some deliveries fail")
    func mixedRunExitsThree() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        try sandbox.subscribe(receiver.url("/good?status=204"))
        try sandbox.subscribe(receiver.url("/bad?status=500"))
        let fired = try fire(sandbox)
        #expect(fired.status == 3)
        #expect(fired.stderr.contains("1 delivered, 1 failed"), "stderr: \(fired.stderr)")
        let states = try sandbox.deliveries().compactMap { $0["state"] as? String }.sorted()
        #expect(states == ["delivered", "failed"])
    }

    @Test("410 disables subscription and cancels retries")
    func goneDisablesSubscription() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let gone = try sandbox.subscribe(receiver.url("/gone?seq=500,410"))
        let missing = try sandbox.subscribe(receiver.url("/missing?status=404"))

        let first = try fire(sandbox)
        #expect(first.status == 3)
        let earlier = try sandbox.deliveries().first { $0["subscription_id"] as? String == gone }
        #expect(earlier?["state"] as? String == "failed")
        let earlierID = try #require(earlier?["id"] as? String)

        let second = try fire(sandbox)
        #expect(second.status == 3)
        #expect(second.stderr.contains("disabled \(gone)"), "stderr: \(second.stderr)")

        let deliveries = try sandbox.deliveries().filter { $0["subscription_id"] as? String == gone }
        let latest = try #require(deliveries.first { $0["id"] as? String != earlierID })
        #expect(latest["outcome"] as? String == "gone")
        #expect(latest["state"] as? String == "cancelled")
        #expect(latest["status_code"] as? Int == 410)
        let cancelled = try #require(deliveries.first { $0["id"] as? String == earlierID })
        #expect(cancelled["state"] as? String == "cancelled")
        #expect((cancelled["reason"] as? String ?? "").contains("410"), "reason: \(cancelled["reason"] ?? "none")")
        #expect(cancelled["next_attempt_at"] is NSNull)

        let shown = try sandbox.subscription(gone)
        #expect(shown["enabled"] as? Bool == false)
        #expect((shown["disabled_reason"] as? String ?? "").contains("410 Gone"))
        let text = try sandbox.csw(["show", gone])
        #expect(text.stdout.contains("disabled"))
        #expect(text.stdout.contains("410 Gone"))
        let listed = try sandbox.csw(["list", "--json"])
        let entry = try jsonArray(listed.stdout).first { $0["id"] as? String == gone }
        #expect(entry?["enabled"] as? Bool == false)
        #expect((entry?["disabled_reason"] as? String ?? "").contains("410"))

        #expect(try sandbox.subscription(missing)["enabled"] as? Bool == true)

        let third = try fire(sandbox)
        #expect(third.status == 3)
        #expect(try receiver.records().filter { $0.path == "/gone" }.count == 2)
        let retried = try sandbox.csw(["retry", "--json"])
        #expect(!retried.stdout.contains(earlierID))
    }

    @Test("redirect is not followed and names the Location", arguments: [301, 307])
    func redirectNotFollowed(status: Int) throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let target = receiver.url("/moved-here")
        let id = try sandbox.subscribe(receiver.url("/old?status=\(status)&location=\(target)"))

        for round in 1...6 {
            let fired = try fire(sandbox)
            #expect(fired.status == 3, "round \(round): \(fired.stderr)")
            #expect(fired.stderr.contains("csw update \(id) --url"), "round \(round): \(fired.stderr)")
        }
        let deliveries = try sandbox.deliveries()
        #expect(deliveries.count == 6)
        for delivery in deliveries {
            #expect(delivery["outcome"] as? String == "redirect")
            #expect(delivery["status_code"] as? Int == status)
            let reason = delivery["reason"] as? String ?? ""
            #expect(reason.contains(target), "reason: \(reason)")
            #expect(reason.contains("csw update \(id) --url \(target)"), "reason: \(reason)")
        }
        let records = try receiver.records()
        #expect(records.count == 6)
        #expect(records.allSatisfy { $0.method == "POST" })
        #expect(records.allSatisfy { $0.path == "/old" })
        #expect(try sandbox.subscription(id)["enabled"] as? Bool == true)
    }

    @Test("silent receiver times out while others succeed")
    func hangingReceiverTimesOut() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let silent = try sandbox.subscribe(receiver.url("/silent?mode=hang&hang=20"))
        try sandbox.subscribe(receiver.url("/fine-1?status=204"))
        try sandbox.subscribe(receiver.url("/fine-2?status=200"))

        let started = Date()
        let fired = try fire(sandbox, ["--timeout", "2s"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(fired.status == 3)
        #expect(elapsed >= 1.9)
        #expect(elapsed < 8, "fire took \(elapsed) s with --timeout 2s")

        let deliveries = try sandbox.deliveries()
        let timedOut = try #require(deliveries.first { $0["subscription_id"] as? String == silent })
        #expect(timedOut["outcome"] as? String == "timeout")
        #expect(timedOut["state"] as? String == "failed")
        #expect(timedOut["status_code"] is NSNull)
        #expect((timedOut["reason"] as? String ?? "").contains("2 s"))
        let others = deliveries.filter { $0["subscription_id"] as? String != silent }
        #expect(others.count == 2)
        #expect(others.allSatisfy { $0["state"] as? String == "delivered" })
    }

    @Test("refused port is connect_failed")
    func refusedPortFails() throws {
        let sandbox = try Sandbox()
        let port = try refusedPort()
        try sandbox.subscribe("http://127.0.0.1:\(port)/hook")
        let fired = try fire(sandbox, ["--timeout", "5s"])
        #expect(fired.status == 3)
        let delivery = try onlyDelivery(sandbox)
        #expect(delivery["outcome"] as? String == "connect_failed")
        #expect(delivery["state"] as? String == "failed")
        #expect(delivery["status_code"] is NSNull)
        #expect((delivery["reason"] as? String ?? "").contains("refused"))
    }

    @Test("slow receiver is delivered")
    func slowReceiverDelivered() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        try sandbox.subscribe(receiver.url("/slow?delay=1&status=200"))
        let started = Date()
        let fired = try fire(sandbox, ["--timeout", "10s"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        #expect(Date().timeIntervalSince(started) >= 1)
        let delivery = try onlyDelivery(sandbox)
        #expect(delivery["state"] as? String == "delivered")
        #expect(delivery["status_code"] as? Int == 200)
    }

    @Test("drip-fed 200 is delivered")
    func dripDelivered() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        try sandbox.subscribe(receiver.url("/drip?mode=drip&drip=20"))
        let started = Date()
        let fired = try fire(sandbox, ["--timeout", "2s"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        #expect(elapsed < 8, "fire took \(elapsed) s with --timeout 2s")
        let delivery = try onlyDelivery(sandbox)
        #expect(delivery["state"] as? String == "delivered")
        #expect(delivery["outcome"] as? String == "delivered")
        #expect(delivery["status_code"] as? Int == 200)
        #expect((delivery["reason"] as? String ?? "").contains("cut off"), "reason: \(delivery["reason"] ?? "none")")
    }

    @Test("endless response body is delivered and truncated")
    func hugeBodyTruncated() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        try sandbox.subscribe(receiver.url("/huge?mode=huge"))
        let started = Date()
        let fired = try fire(sandbox, ["--timeout", "10s"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        #expect(Date().timeIntervalSince(started) < 8)
        let summary = try onlyDelivery(sandbox)
        #expect(summary["state"] as? String == "delivered")
        let detail = try sandbox.delivery(summary["id"] as? String ?? "")
        let attempts = detail["attempts"] as? [[String: Any]] ?? []
        #expect(attempts.count == 1)
        #expect(attempts.first?["body_truncated"] as? Bool == true)
        #expect(attempts.first?["status_code"] as? Int == 200)
        let body = attempts.first?["response_body"] as? String ?? ""
        #expect(!body.isEmpty)
        #expect(body.utf8.count <= 65536)
        #expect(body.allSatisfy { $0 == "y" })
    }

    @Test("415 is recorded with the start of its body")
    func unsupportedMediaTypeKeepsBody() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        let message = "expected application/xml, got something else"
        let query = "status=415&body=" + message.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try sandbox.subscribe(receiver.url("/picky?\(query)"))
        let fired = try fire(sandbox)
        #expect(fired.status == 3)
        let summary = try onlyDelivery(sandbox)
        #expect(summary["outcome"] as? String == "http_error")
        #expect(summary["status_code"] as? Int == 415)
        #expect((summary["reason"] as? String ?? "").contains("415 Unsupported Media Type: \(message)"))
        let detail = try sandbox.delivery(summary["id"] as? String ?? "")
        let attempts = detail["attempts"] as? [[String: Any]] ?? []
        #expect(attempts.first?["response_body"] as? String == message)
        #expect(attempts.first?["body_truncated"] as? Bool == false)
    }

    @Test("429 Retry-After 120 delays next attempt")
    func rateLimitedWaits() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        try sandbox.subscribe(receiver.url("/busy?status=429&retry_after=120"))
        let before = Date().timeIntervalSince1970
        let fired = try fire(sandbox)
        #expect(fired.status == 3)
        let summary = try onlyDelivery(sandbox)
        #expect(summary["outcome"] as? String == "rate_limited")
        #expect(summary["state"] as? String == "failed")
        #expect(summary["status_code"] as? Int == 429)
        let next = try epochSeconds(summary["next_attempt_at"] as? String ?? "")
        // The printed time has whole seconds, so it may read up to 1 s early.
        #expect(next >= before.rounded(.down) + 119, "next attempt \(next - before) s after firing")

        let id = summary["id"] as? String ?? ""
        let detail = try sandbox.delivery(id)
        let attempts = detail["attempts"] as? [[String: Any]] ?? []
        #expect(attempts.first?["retry_after_seconds"] as? Int == 120)
        let text = try sandbox.csw(["deliveries", "show", id])
        #expect(text.stdout.contains("receiver asked to wait 120 s"), "output: \(text.stdout)")

        let retried = try sandbox.csw(["retry"])
        #expect(retried.status == 0)
        #expect(try receiver.records().count == 1)
    }
}
