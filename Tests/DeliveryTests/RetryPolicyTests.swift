import CSWDelivery
import Testing

@Suite("RetryPolicy")
struct RetryPolicyTests {
    @Test func backoffGrowsWithinBounds() {
        for attempt in 1...10 {
            let ceiling = min(60_000, 1000 << (attempt - 1))
            for _ in 0..<20 {
                let delay = RetryPolicy.backoffMilliseconds(attempt: attempt)
                #expect(delay >= ceiling / 2)
                #expect(delay <= ceiling)
            }
        }
    }

    @Test func backoffIsJittered() {
        let delays = Set((0..<20).map { _ in RetryPolicy.backoffMilliseconds(attempt: 5) })
        #expect(delays.count > 1)
    }

    @Test func backoffSurvivesHugeAttempts() {
        let delay = RetryPolicy.backoffMilliseconds(attempt: 1_000_000)
        #expect(delay >= 30_000)
        #expect(delay <= 60_000)
    }

    struct RetryAfterCase: CustomTestStringConvertible, Sendable {
        let value: String
        let expected: Int?
        var testDescription: String { "\"\(value)\"" }
    }

    // 1_800_000_000 is Fri, 15 Jan 2027 08:00:00 GMT.
    static let cases: [RetryAfterCase] = [
        RetryAfterCase(value: "120", expected: 120),
        RetryAfterCase(value: " 0 ", expected: 0),
        RetryAfterCase(value: "Fri, 15 Jan 2027 08:02:00 GMT", expected: 120),
        RetryAfterCase(value: "Fri, 15 Jan 2027 07:00:00 GMT", expected: 0),
        RetryAfterCase(value: "soon", expected: nil),
        RetryAfterCase(value: "-5", expected: nil),
        RetryAfterCase(value: "1.5", expected: nil),
        RetryAfterCase(value: "", expected: nil),
        RetryAfterCase(value: "99999999999999999999999", expected: 1_000_000_000),
        RetryAfterCase(value: "5000000000", expected: 1_000_000_000),
        RetryAfterCase(value: "Fri, 31 Dec 9999 23:59:59 GMT", expected: 1_000_000_000),
    ]

    @Test(arguments: cases)
    func parseRetryAfter(_ example: RetryAfterCase) {
        #expect(RetryPolicy.parseRetryAfter(example.value, nowSeconds: 1_800_000_000) == example.expected)
    }
}
