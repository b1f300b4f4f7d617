import CSWCore
import CSWDelivery
import Foundation
import Testing

@Suite("Sender: timeouts, streams and connections")
struct SenderNetworkTests {
    @Test func silentServerTimesOutOthersSucceed() throws {
        let server = try TestServer()
        var requests = [localRequest(server.url("/hang"), tag: 0)]
        for tag in 1...3 { requests.append(localRequest(server.url("/status/200"), tag: tag)) }
        let started = Clock.monotonicMilliseconds()
        let results = try send(requests, options: testOptions(totalTimeout: 1500))
        let elapsed = Clock.monotonicMilliseconds() - started
        #expect(results[0].outcome == .timeout)
        #expect(results[0].reason == "connected, no response within 1.5 s")
        #expect(results[0].isRetryable)
        #expect(results[1...].allSatisfy { $0.outcome == .delivered })
        #expect(elapsed < 4000)
    }

    @Test func refusedPortIsConnectFailed() throws {
        let port = try unusedPort()
        let result = try sendOne(localRequest("http://127.0.0.1:\(port)/hook"))
        #expect(result.outcome == .connectFailed)
        #expect(result.reason == "connection refused")
        #expect(result.isRetryable)
    }

    @Test func unansweredConnectIsConnectTimeout() throws {
        let listener = try FullBacklogListener()
        let started = Clock.monotonicMilliseconds()
        let result = try sendOne(
            localRequest("http://127.0.0.1:\(listener.port)/hook"),
            options: testOptions(connectTimeout: 500, totalTimeout: 3000))
        let elapsed = Clock.monotonicMilliseconds() - started
        #expect(result.outcome == .connectTimeout)
        #expect(result.reason == "connect timed out after 0.5 s")
        #expect(result.isRetryable)
        #expect(elapsed < 2000)
    }

    @Test func selfSignedCertificateIsTLSFailure() throws {
        let certificate = try SelfSignedCertificate()
        let server = try TestServer(certificate: certificate.certificatePath, key: certificate.keyPath)
        let result = try sendOne(localRequest(server.url("/status/200", scheme: "https", host: "localhost")))
        #expect(result.outcome == .tlsFailed)
        #expect(result.reason == "TLS certificate problem: self-signed certificate")
        #expect(result.isRetryable == false)
        #expect(try server.records().isEmpty)
    }

    @Test func caFileMakesCertificateTrusted() throws {
        let certificate = try SelfSignedCertificate()
        let server = try TestServer(certificate: certificate.certificatePath, key: certificate.keyPath)
        var request = localRequest(server.url("/status/200", scheme: "https", host: "localhost"))
        request.caFile = certificate.certificatePath
        let result = try sendOne(request)
        #expect(result.outcome == .delivered)
        #expect(try server.records().count == 1)
    }

    @Test func hostNameMismatchIsTLSFailure() throws {
        let certificate = try SelfSignedCertificate()
        let server = try TestServer(certificate: certificate.certificatePath, key: certificate.keyPath)
        // curl resolves every *.localhost name to loopback itself, and the
        // certificate names only localhost and 127.0.0.1.
        var request = localRequest(server.url("/status/200", scheme: "https", host: "csw.localhost"))
        request.caFile = certificate.certificatePath
        let result = try sendOne(request)
        #expect(result.outcome == .tlsFailed)
        #expect(result.reason.hasPrefix("TLS: "))
        #expect(result.reason.contains("'csw.localhost'"))
        #expect(try server.records().isEmpty)
    }

    @Test func dripFedBodyIsCutOffAtDeadline() throws {
        let server = try TestServer()
        let started = Clock.monotonicMilliseconds()
        let result = try sendOne(localRequest(server.url("/drip")), options: testOptions(totalTimeout: 1500))
        let elapsed = Clock.monotonicMilliseconds() - started
        #expect(result.outcome == .delivered)
        #expect(result.statusCode == 200)
        #expect(result.bodyTruncated)
        #expect(result.reason.contains("response body cut off"))
        #expect(!result.responseBody.isEmpty)
        #expect(elapsed < 3000)
    }

    @Test func endlessBodyKeepsOnlyTheLimit() throws {
        let server = try TestServer()
        let started = Clock.monotonicMilliseconds()
        let result = try sendOne(localRequest(server.url("/huge")), options: testOptions(bodyLimit: 1000))
        let elapsed = Clock.monotonicMilliseconds() - started
        #expect(result.outcome == .delivered)
        #expect(result.responseBody.count == 1000)
        #expect(result.responseBody.allSatisfy { $0 == UInt8(ascii: "y") })
        #expect(result.bodyTruncated)
        #expect(result.reason.contains("first 1000 bytes"))
        #expect(elapsed < 3000)
        // The sender stopped reading: the server got no further than its
        // socket buffers let it, far short of the 2 GiB it announced.
        let streamed = try server.stats()["streamed_bytes"] ?? 0
        #expect(streamed < 64 << 20)
    }

    @Test func concurrencyStaysWithinLimit() throws {
        let server = try TestServer()
        let requests = (0..<100).map { localRequest(server.url("/slow?ms=30"), tag: $0) }
        let results = try send(requests, options: testOptions(concurrency: 8))
        #expect(results.count == 100)
        #expect(results.allSatisfy { $0.outcome == .delivered })
        let stats = try server.stats()
        #expect(stats["requests"] == 100)
        #expect((stats["max_active"] ?? 0) <= 8)
        #expect((stats["max_active"] ?? 0) >= 2)
    }

    @Test func connectionsAreKeptAlive() throws {
        let server = try TestServer()
        let requests = (0..<20).map { localRequest(server.url("/status/204"), tag: $0) }
        let results = try send(requests, options: testOptions(concurrency: 2))
        #expect(results.allSatisfy { $0.outcome == .delivered })
        let stats = try server.stats()
        #expect(stats["requests"] == 20)
        #expect((stats["connections"] ?? 0) <= 4)
    }

    @Test func cancelStopsRunPromptly() throws {
        let server = try TestServer()
        let sender = try Sender(options: testOptions(concurrency: 2, totalTimeout: 5000))
        var requests = (0..<2).map { localRequest(server.url("/hang"), tag: $0) }
        requests += (2..<10).map { localRequest(server.url("/status/200"), tag: $0) }
        var completed = 0
        let started = Clock.monotonicMilliseconds()
        sender.run(requests, onComplete: { _ in
            completed += 1
            return []
        }, onProgress: { _, inFlight, _ in
            if inFlight == 2 && Clock.monotonicMilliseconds() - started > 300 { sender.cancel() }
        })
        let elapsed = Clock.monotonicMilliseconds() - started
        #expect(completed == 0)
        #expect(elapsed < 2000)
        // The same sender still works after a cancelled run.
        var outcomes: [DeliveryOutcome] = []
        sender.run([localRequest(server.url("/status/200"))], onComplete: { result in
            outcomes.append(result.outcome)
            return []
        }, onProgress: nil)
        #expect(outcomes == [.delivered])
    }

    @Test func followUpWaitsForNotBefore() throws {
        let server = try TestServer()
        let sender = try Sender(options: testOptions())
        var completions: [(tag: Int, at: Int64)] = []
        var progressCalls = 0
        sender.run([localRequest(server.url("/status/503"), tag: 1)], onComplete: { result in
            completions.append((result.tag, Clock.monotonicMilliseconds()))
            guard result.tag == 1 else { return [] }
            var retry = localRequest(server.url("/status/200"), tag: 2)
            retry.notBefore = Clock.monotonicMilliseconds() + 300
            return [retry]
        }, onProgress: { _, _, _ in progressCalls += 1 })
        #expect(completions.map(\.tag) == [1, 2])
        try #require(completions.count == 2)
        #expect(completions[1].at - completions[0].at >= 300)
        #expect(progressCalls >= 1)
        let records = try server.records()
        try #require(records.count == 2)
        #expect(records[1].time - records[0].time >= 0.29)
    }
}
