import CSWDelivery
import Foundation
import Testing

@Suite("Sender: response statuses")
struct SenderStatusTests {
    @Test func status200IsDelivered() throws {
        let server = try TestServer()
        let result = try sendOne(localRequest(server.url("/status/200?reason=OK&body=thanks")))
        #expect(result.outcome == .delivered)
        #expect(result.isSuccess)
        #expect(result.statusCode == 200)
        #expect(result.reason == "HTTP 200 OK")
        #expect(result.responseBody == Array("thanks".utf8))
        #expect(result.bodyTruncated == false)
        #expect(result.remoteAddress == "127.0.0.1")
    }

    @Test func status404IsHTTPError() throws {
        let server = try TestServer()
        let result = try sendOne(localRequest(server.url("/status/404?reason=Not%20Found&body=no%20such%20hook")))
        #expect(result.outcome == .httpError)
        #expect(result.statusCode == 404)
        #expect(result.reason == "HTTP 404 Not Found: no such hook")
        #expect(result.isRetryable == false)
    }

    @Test func status415ShowsBodyStart() throws {
        let server = try TestServer()
        let long = String(repeating: "expected application/json\n", count: 10)
        let query = long.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let result = try sendOne(localRequest(server.url("/status/415?reason=Unsupported%20Media%20Type&body=\(query)")))
        #expect(result.outcome == .httpError)
        #expect(result.reason.hasPrefix("HTTP 415 Unsupported Media Type: expected application/json expected"))
        #expect(result.reason.hasSuffix("…"))
        #expect(!result.reason.contains("\n"))
        #expect(result.reason.count < 140)
    }

    @Test func controlCharactersLeaveReason() throws {
        let server = try TestServer()
        let body = "\u{1B}[31mred\u{1B}[0m\u{202E}\r\nline".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let result = try sendOne(localRequest(server.url("/status/500?reason=Server%1BError&body=\(body)")))
        #expect(result.outcome == .httpError)
        #expect(result.reason == "HTTP 500 Server Error: [31mred [0m line")
    }

    @Test func status503IsRetryable() throws {
        let server = try TestServer()
        let result = try sendOne(localRequest(server.url("/status/503")))
        #expect(result.outcome == .httpError)
        #expect(result.isRetryable)
    }

    @Test func status410IsGone() throws {
        let server = try TestServer()
        let result = try sendOne(localRequest(server.url("/status/410?reason=Gone")))
        #expect(result.outcome == .gone)
        #expect(result.statusCode == 410)
        #expect(result.isRetryable == false)
    }

    struct RetryAfterCase: CustomTestStringConvertible, Sendable {
        let name: String
        let headerName: String
        let value: String
        /// When set, the value is an HTTP date this many seconds after the test starts.
        var dateSecondsFromNow: Int? = nil
        let expectedSeconds: ClosedRange<Int>?
        var testDescription: String { name }
    }

    static let retryAfterCases: [RetryAfterCase] = [
        RetryAfterCase(name: "delta seconds", headerName: "Retry-After", value: "120", expectedSeconds: 120...120),
        RetryAfterCase(name: "lower-case name", headerName: "retry-after", value: "30", expectedSeconds: 30...30),
        RetryAfterCase(name: "upper-case name", headerName: "RETRY-AFTER", value: "45", expectedSeconds: 45...45),
        RetryAfterCase(
            name: "HTTP date", headerName: "Retry-After", value: "", dateSecondsFromNow: 90,
            expectedSeconds: 60...91),
        RetryAfterCase(name: "invalid word", headerName: "Retry-After", value: "soon", expectedSeconds: nil),
    ]

    @Test(arguments: retryAfterCases)
    func status429ParsesRetryAfter(_ example: RetryAfterCase) throws {
        let server = try TestServer()
        // The date is made when the test runs, not when the table is built,
        // since a full run may start this case long after the table exists.
        let raw = example.dateSecondsFromNow.map { httpDate(secondsFromNow: $0) } ?? example.value
        let value = raw.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let url = server.url("/status/429?reason=Too%20Many%20Requests&retry_after=\(value)&retry_after_name=\(example.headerName)")
        let result = try sendOne(localRequest(url))
        #expect(result.outcome == .rateLimited)
        #expect(result.isRetryable)
        if let range = example.expectedSeconds {
            let seconds = try #require(result.retryAfterSeconds)
            #expect(range.contains(seconds))
            #expect(result.warnings.isEmpty)
        } else {
            #expect(result.retryAfterSeconds == nil)
            #expect(result.warnings.count == 1)
            #expect(result.warnings.first?.contains("\"soon\"") == true)
        }
    }

    @Test func redirect301IsNotFollowed() throws {
        let server = try TestServer()
        let target = server.url("/status/200")
        let encoded = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let result = try sendOne(localRequest(server.url("/status/301?reason=Moved%20Permanently&location=\(encoded)")))
        #expect(result.outcome == .redirect)
        #expect(result.statusCode == 301)
        #expect(result.location == target)
        #expect(result.reason.contains("redirect to \(target)"))
        #expect(result.reason.contains("update the subscription's URL to \(target)"))
        #expect(result.isRetryable == false)
        let records = try server.records()
        #expect(records.count == 1)
        #expect(records.allSatisfy { $0.method == "POST" })
    }

    @Test func redirect307WithOddCaseLocation() throws {
        let server = try TestServer()
        let result = try sendOne(
            localRequest(server.url("/status/307?location=%2Fnew%2Fpath&location_name=lOcAtIoN")))
        #expect(result.outcome == .redirect)
        #expect(result.statusCode == 307)
        // A relative Location comes back resolved against the request URL.
        #expect(result.location == server.url("/new/path"))
        #expect(try server.records().count == 1)
    }

    @Test func redirectWithoutLocation() throws {
        let server = try TestServer()
        let result = try sendOne(localRequest(server.url("/status/302")))
        #expect(result.outcome == .redirect)
        #expect(result.location == nil)
        #expect(result.reason.contains("without a Location header"))
    }

    @Test func interimResponseHeadersAreForgotten() throws {
        let server = try TestServer()
        let result = try sendOne(localRequest(server.url("/continue")))
        #expect(result.statusCode == 429)
        #expect(result.outcome == .rateLimited)
        // The Retry-After came in the 100 Continue block, not the final one.
        #expect(result.retryAfterSeconds == nil)
        #expect(result.responseBody == Array("slow down".utf8))
    }
}

/// An IMF-fixdate `seconds` from now, as a Retry-After header carries it.
func httpDate(secondsFromNow seconds: Int) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    return formatter.string(from: Date().addingTimeInterval(TimeInterval(seconds)))
}
