import Foundation
import Testing

@testable import CSWCore
@testable import CSWReceiving

private func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) throws(HTTPRejection) -> ParsedHead? {
    try HTTPRequestParser.parseHead(Array(text.utf8)[...], limits: limits)
}

@Suite("HTTP request parsing")
struct ParserTests {
    @Test("parses a head with a body length")
    func parsesHead() throws {
        let text = "POST /hooks HTTP/1.1\r\nHost: x\r\ncontent-LENGTH: 12\r\nWebhook-Id:  msg_1 \r\n\r\n{\"a\":\"b\"}..."
        let parsed = try #require(try parse(text))
        #expect(parsed.head.method == "POST")
        #expect(parsed.head.target == "/hooks")
        #expect(parsed.head.version == "HTTP/1.1")
        #expect(parsed.bodyLength == 12)
        #expect(parsed.headLength == text.utf8.count - 12)
        #expect(parsed.head.value(of: "WEBHOOK-ID") == "msg_1")
        #expect(parsed.head.value(of: "webhook-id") == "msg_1")
        #expect(parsed.head.headers[2].name == "Webhook-Id")
    }

    @Test("waits for the end of the head")
    func waitsForHead() throws {
        #expect(try parse("POST / HTTP/1.1\r\nHost: x\r\n") == nil)
        #expect(try parse("") == nil)
    }

    @Test("accepts bare LF line ends and leading blank lines")
    func acceptsLenientLineEnds() throws {
        let parsed = try #require(try parse("\r\nGET / HTTP/1.1\nHost: x\n\n"))
        #expect(parsed.head.method == "GET")
        #expect(parsed.head.value(of: "host") == "x")
    }

    @Test("keep-alive follows version and Connection")
    func keepAliveRules() throws {
        #expect(try parse("GET / HTTP/1.1\r\n\r\n")?.head.keepsAlive == true)
        #expect(try parse("GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n")?.head.keepsAlive == false)
        #expect(try parse("GET / HTTP/1.0\r\n\r\n")?.head.keepsAlive == false)
    }

    @Test("rejects malformed heads", arguments: [
        ("missing version", "GET /\r\n\r\n", 400),
        ("two spaces", "GET  / HTTP/1.1\r\n\r\n", 400),
        ("HTTP/2", "GET / HTTP/2.0\r\n\r\n", 505),
        ("not HTTP", "GET / SPDY/1\r\n\r\n", 400),
        ("folded header", "GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n", 400),
        ("space before colon", "GET / HTTP/1.1\r\nA : b\r\n\r\n", 400),
        ("no colon", "GET / HTTP/1.1\r\nA b\r\n\r\n", 400),
        ("empty name", "GET / HTTP/1.1\r\n: b\r\n\r\n", 400),
        ("control character in value", "GET / HTTP/1.1\r\nA: b\u{7F}\r\n\r\n", 400),
        ("bad length", "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n", 400),
        ("negative length", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
        ("conflicting lengths", "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
        ("huge length", "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
        ("length over the limit", "POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n", 413),
        ("chunked", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 411),
    ])
    func rejectsMalformed(name: String, text: String, status: Int) {
        do {
            _ = try parse(text)
            Issue.record("\(name): accepted")
        } catch {
            #expect(error.status == status, "\(name): \(error.reason)")
            #expect(!error.reason.isEmpty)
        }
    }

    @Test("accepts repeated equal lengths")
    func acceptsRepeatedEqualLengths() throws {
        #expect(try parse("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n")?.bodyLength == 3)
    }

    @Test("rejects a head over the limit")
    func rejectsLargeHead() {
        let limits = HTTPLimits(maximumHeadBytes: 64, maximumBodyBytes: 10)
        let unfinished = "GET / HTTP/1.1\r\nX-Long: " + String(repeating: "a", count: 100)
        #expect(throws: HTTPRejection(status: 431, reason: "request header fields exceed 64 bytes")) {
            try parse(unfinished, limits: limits)
        }
        #expect(throws: HTTPRejection.self) { try parse(unfinished + "\r\n\r\n", limits: limits) }
    }
}

@Suite("media type parsing")
struct MediaTypeTests {
    @Test("parses JSON with a charset", arguments: [
        "application/json; charset=UTF-8",
        "Application/JSON;charset=\"UTF-8\"",
        "application/json ; charset=UTF-8 ",
    ])
    func parsesJSON(text: String) throws {
        let type = try #require(MediaType(parsing: text))
        #expect(type.essence == "application/json")
        #expect(type.isJSON)
        #expect(type.parameter("Charset") == "UTF-8")
    }

    @Test("recognises +json subtypes")
    func recognisesStructuredSuffix() throws {
        #expect(MediaType(parsing: "application/cloudevents+json")?.isJSON == true)
        #expect(MediaType(parsing: "text/json")?.isJSON == false)
    }

    @Test("keeps quoted semicolons")
    func keepsQuotedSemicolons() throws {
        let type = try #require(MediaType(parsing: #"multipart/form-data; boundary="a;b\"c""#))
        #expect(type.parameter("boundary") == #"a;b"c"#)
    }

    @Test("rejects malformed values", arguments: [
        "", "json", "application/", "/json", "application/json; charset", "application/json; =x",
        "application json", "application/json; charset=\"open",
    ])
    func rejectsMalformed(text: String) {
        #expect(MediaType(parsing: text) == nil)
    }
}

@Suite("received request rendering")
struct ReceivedRequestTests {
    func request(body: String, headers: [HTTPHeader], verification: VerificationResult?) -> ReceivedRequest {
        let head = HTTPRequestHead(method: "POST", target: "/hooks?x=1", version: "HTTP/1.1", headers: headers)
        return ReceivedRequest(
            request: HTTPRequest(head: head, body: Array(body.utf8)), remoteAddress: "127.0.0.1:5000",
            receivedMilliseconds: 1_767_225_600_000, verification: verification, responseStatus: 204)
    }

    @Test("summary line names the event and result")
    func summaryLine() {
        let received = request(
            body: #"{"data":{"event":"nested"},"event":"response_submitted"}"#,
            headers: [HTTPHeader(name: "Webhook-ID", value: "msg_1")], verification: .valid(secretIndex: 0))
        #expect(received.summaryLine == "2026-01-01T00:00:00Z POST /hooks event=response_submitted id=msg_1 bytes=56 status=204 signature valid")
    }

    @Test("summary line hides control characters")
    func summaryHidesControlCharacters() {
        let received = request(
            body: "{}", headers: [HTTPHeader(name: "webhook-id", value: "a\u{1B}[2Jb")], verification: nil)
        #expect(!received.summaryLine.contains("\u{1B}"))
        #expect(received.summaryLine.contains("id=a?[2Jb"))
        #expect(received.summaryLine.hasSuffix("not verified"))
    }

    @Test("event comes from event, type or event_type", arguments: [
        (#"{"type":"user_created"}"#, "user_created"),
        (#" { "a" : [1, {"event": "x"}], "type" : "user_\u0063reated" } "#, "user_created"),
        (#"{"event_type":"activity_published"}"#, "activity_published"),
        (#"{"event":5,"type":"t"}"#, "t"),
        (#"{"event":5}"#, nil),
        (#"["event"]"#, nil),
        ("not json", nil),
        (#"{"event":"unterminated"#, nil),
    ])
    func eventFromBody(body: String, expected: String?) {
        #expect(request(body: body, headers: [], verification: nil).event == expected)
    }

    @Test("JSON object parses and keeps the body")
    func jsonObject() throws {
        let body = "{\"title\":\"Café 🚲\",\"amount\":2.50}\n"
        let received = request(
            body: body,
            headers: [HTTPHeader(name: "X-A", value: "1"), HTTPHeader(name: "x-a", value: "2"),
                      HTTPHeader(name: "Webhook-Id", value: "m\"1\\\u{01}")],
            verification: .timestampTooOld(ageSeconds: 600))
        let text = received.jsonObject
        #expect(!text.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["body"] as? String == body)
        #expect(object["body_base64"] as? String == Data(body.utf8).base64EncodedString())
        #expect(object["method"] as? String == "POST")
        #expect(object["target"] as? String == "/hooks?x=1")
        #expect(object["status"] as? Int == 204)
        #expect(object["webhook_id"] as? String == "m\"1\\\u{01}")
        let headers = try #require(object["headers"] as? [String: String])
        #expect(headers["x-a"] == "1, 2")
        let verification = try #require(object["verification"] as? [String: Any])
        #expect(verification["result"] as? String == "timestamp_too_old")
        #expect(verification["valid"] as? Bool == false)
    }

    @Test("JSON object marks a non-UTF-8 body")
    func jsonObjectBinaryBody() throws {
        let head = HTTPRequestHead(method: "POST", target: "/", version: "HTTP/1.1", headers: [])
        let received = ReceivedRequest(
            request: HTTPRequest(head: head, body: [0xFF, 0x00]), remoteAddress: "127.0.0.1:1",
            receivedMilliseconds: 0, verification: nil, responseStatus: 204)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(received.jsonObject.utf8)) as? [String: Any])
        #expect(object["body"] is NSNull)
        #expect(object["body_base64"] as? String == "/wA=")
        #expect(object["verification"] is NSNull)
    }
}

@Suite("loopback host and file verification")
struct HostAndFileTests {
    @Test("accepts only loopback hosts", arguments: [
        ("127.0.0.1", LoopbackAddress.ipv4), ("localhost", .ipv4), ("::1", .ipv6), ("[::1]", .ipv6),
    ])
    func acceptsLoopback(text: String, expected: LoopbackAddress) throws {
        #expect(try LoopbackAddress.parse(text) == expected)
    }

    @Test("rejects other hosts", arguments: ["0.0.0.0", "::", "198.51.100.1", "127.0.0.2", ""])
    func rejectsOtherHosts(text: String) {
        #expect(throws: InvalidValue.self) { try LoopbackAddress.parse(text) }
    }

    @Test("verifies a body file byte for byte")
    func verifiesBodyFile() throws {
        let secret = try WebhookSecret.parse("whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=")
        let body = Array("{\"amount\":2.50}\n".utf8)
        let path = NSTemporaryDirectory() + "csw-body-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Files.write(body, to: path)
        let signature = WebhookSignature.sign(id: "msg_f", timestampSeconds: 1000, body: body, secret: secret)
        let result = try WebhookFileVerification.verify(
            bodyPath: path, id: "msg_f", timestamp: "1000", signatureHeader: signature, secrets: [secret],
            nowSeconds: 1000)
        #expect(result == .valid(secretIndex: 0))
        try Files.write(Array(body.dropLast()), to: path)
        let trimmed = try WebhookFileVerification.verify(
            bodyPath: path, id: "msg_f", timestamp: "1000", signatureHeader: signature, secrets: [secret],
            nowSeconds: 1000)
        #expect(trimmed == .invalidSignature)
    }
}
