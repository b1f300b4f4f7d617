import CSWCore
import CSWDelivery

/// Options for tests: short timeouts so a failing test stays fast.
func testOptions(
    concurrency: Int = 8, connectTimeout: Int = 2000, totalTimeout: Int = 5000, bodyLimit: Int = 4096
) -> SenderOptions {
    SenderOptions(
        concurrency: concurrency, connectTimeoutMilliseconds: connectTimeout,
        totalTimeoutMilliseconds: totalTimeout, responseBodyLimit: bodyLimit, userAgent: "csw-test")
}

/// A request to a test server on 127.0.0.1, which needs the private-network
/// allowance.
func localRequest(_ url: String, tag: Int = 0, body: String = "{}") -> OutgoingRequest {
    OutgoingRequest(
        tag: tag, url: url, headers: [(name: "Content-Type", value: "application/json")],
        body: Array(body.utf8), allowPrivateNetwork: true)
}

/// Sends requests with no follow-ups and returns the results in tag order.
func send(_ requests: [OutgoingRequest], options: SenderOptions = testOptions()) throws -> [DeliveryResult] {
    let sender = try Sender(options: options)
    var results: [DeliveryResult] = []
    sender.run(requests, onComplete: { result in
        results.append(result)
        return []
    }, onProgress: nil)
    return results.sorted { $0.tag < $1.tag }
}

/// Sends one request and returns its result.
func sendOne(_ request: OutgoingRequest, options: SenderOptions = testOptions()) throws -> DeliveryResult {
    let results = try send([request], options: options)
    precondition(results.count == 1, "expected one result, got \(results.count)")
    return results[0]
}
