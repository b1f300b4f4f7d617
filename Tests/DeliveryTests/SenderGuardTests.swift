import CSWCore
import CSWDelivery
import Testing

@Suite("Sender: address guard")
struct SenderGuardTests {
    @Test func loopbackIsBlockedByDefault() throws {
        let server = try TestServer()
        var request = localRequest(server.url("/status/200"))
        request.allowPrivateNetwork = false
        let result = try sendOne(request)
        #expect(result.outcome == .blocked)
        #expect(result.reason.hasPrefix("blocked: 127.0.0.1 is a loopback address"))
        #expect(result.reason.contains("--allow-private-network"))
        #expect(result.blockedAddress?.text == "127.0.0.1")
        #expect(result.isRetryable == false)
        #expect(try server.stats()["connections"] == 0)
    }

    @Test func localhostNameIsBlocked() throws {
        let server = try TestServer()
        var request = localRequest("http://localhost:\(server.port)/status/200")
        request.allowPrivateNetwork = false
        let result = try sendOne(request)
        #expect(result.outcome == .blocked)
        #expect(result.reason.contains("loopback"))
        #expect(try server.stats()["connections"] == 0)
    }

    @Test func localhostNameAllowedWithPrivateNetwork() throws {
        let server = try TestServer()
        let result = try sendOne(localRequest("http://localhost:\(server.port)/status/200"))
        #expect(result.outcome == .delivered)
    }

    @Test func reusedConnectionIsCheckedAgain() throws {
        let server = try TestServer()
        let sender = try Sender(options: testOptions())
        var results: [DeliveryResult] = []
        sender.run([localRequest(server.url("/status/200"), tag: 1)], onComplete: { result in
            results.append(result)
            guard result.tag == 1 else { return [] }
            // Same host and port, so curl would reuse the open connection.
            var guarded = localRequest(server.url("/status/200"), tag: 2)
            guarded.allowPrivateNetwork = false
            return [guarded]
        }, onProgress: nil)
        #expect(results.map(\.outcome) == [.delivered, .blocked])
        let stats = try server.stats()
        #expect(stats["requests"] == 1)
        // One connection: the blocked request met the guard on the reused
        // connection, not on a new one.
        #expect(stats["connections"] == 1)
    }
}
