import CSWDelivery
import Testing

@Suite("Sender: request bytes and headers")
struct SenderRequestTests {
    @Test func bodyArrivesByteForByte() throws {
        let server = try TestServer()
        let body = Array("{\"amount\":\"2.50\",\"name\":\"Zoë Ångström 🎉\",\"note\":\"a+b&c=d%20\"}\n".utf8)
        var request = localRequest(server.url("/status/200"))
        request.body = body
        let result = try sendOne(request)
        #expect(result.outcome == .delivered)
        let record = try #require(try server.records().first)
        #expect(record.method == "POST")
        #expect(record.body == body)
        #expect(record.values(of: "Content-Length") == ["\(body.count)"])
    }

    @Test func callerContentTypeReplacesCurlDefault() throws {
        let server = try TestServer()
        _ = try sendOne(localRequest(server.url("/status/200")))
        let record = try #require(try server.records().first)
        #expect(record.values(of: "Content-Type") == ["application/json"])
        #expect(record.values(of: "Expect").isEmpty)
        #expect(record.values(of: "User-Agent") == ["csw-test"])
    }

    @Test func noContentTypeWhenCallerSetsNone() throws {
        let server = try TestServer()
        var request = localRequest(server.url("/status/200"))
        request.headers = [(name: "webhook-id", value: "msg_1"), (name: "X-Empty", value: "")]
        _ = try sendOne(request)
        let record = try #require(try server.records().first)
        #expect(record.values(of: "Content-Type").isEmpty)
        #expect(record.values(of: "webhook-id") == ["msg_1"])
        #expect(record.values(of: "X-Empty") == [""])
    }

    @Test func largeBodySendsWithoutExpect() throws {
        let server = try TestServer()
        var request = localRequest(server.url("/status/200"))
        request.body = [UInt8](repeating: UInt8(ascii: "z"), count: 2 << 20)
        let result = try sendOne(request)
        #expect(result.outcome == .delivered)
        let record = try #require(try server.records().first)
        #expect(record.body.count == 2 << 20)
        #expect(record.values(of: "Expect").isEmpty)
    }

    struct HeaderCase: CustomTestStringConvertible, Sendable {
        let name: String
        let header: String
        let value: String
        var testDescription: String { name }
    }

    static let badHeaders: [HeaderCase] = [
        HeaderCase(name: "CR LF in value", header: "X-Note", value: "a\r\nX-Injected: 1"),
        HeaderCase(name: "LF in value", header: "X-Note", value: "a\nb"),
        HeaderCase(name: "NUL in value", header: "X-Note", value: "a\u{0}b"),
        HeaderCase(name: "colon in name", header: "X:Note", value: "a"),
        HeaderCase(name: "space in name", header: "X Note", value: "a"),
        HeaderCase(name: "empty name", header: "", value: "a"),
    ]

    @Test(arguments: badHeaders)
    func invalidHeaderIsRejectedUnsent(_ example: HeaderCase) throws {
        let server = try TestServer()
        var request = localRequest(server.url("/status/200"))
        request.headers.append((name: example.header, value: example.value))
        let result = try sendOne(request)
        #expect(result.outcome == .invalidRequest)
        #expect(result.isRetryable == false)
        #expect(try server.records().isEmpty)
    }

    @Test func userAgentWithLineBreakIsRejected() {
        var options = testOptions()
        options.userAgent = "csw\r\nX-Injected: 1"
        #expect(throws: SenderError.self) { try Sender(options: options) }
    }

    @Test func unsupportedSchemeIsInvalid() throws {
        let result = try sendOne(localRequest("ftp://127.0.0.1:1/hook"))
        #expect(result.outcome == .invalidRequest)
        #expect(result.reason.contains("ftp://127.0.0.1:1/hook"))
    }
}
