import Foundation
import Testing

@testable import CSWCore

private let alphabetSecret = "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo="
private let otherSecret = "whsec_" + Base64.encode(Array("another key of thirty-two bytes!".utf8))

/// Bodies whose bytes are easy to mangle: non-BMP characters, a decimal
/// that a JSON round trip would change, and a final line feed.
private let awkwardBodies: [String] = [
    #"{"title":"Bike lanes 🚲🚦","emoji":"😀"}"#,
    #"{"amount":2.50}"#,
    "{\"done\":true}\n",
    "",
]

@Suite("webhook signing")
struct SigningTests {
    @Test("matches a known answer")
    func matchesKnownAnswer() throws {
        // Computed with the Python standardwebhooks package, Webhook.sign.
        let secret = try WebhookSecret.parse(alphabetSecret)
        let body = Array("{\"amount\":\"2.50\",\"title\":\"Café 🚲\"}\n".utf8)
        let signature = WebhookSignature.sign(id: "msg_2Lr0xKqvA1", timestampSeconds: 1767225600, body: body, secret: secret)
        #expect(signature == "v1,YAYZ4HfNEc+cdMrZJLG3c6N+XcwLsCkFQbzpEi//Wv8=")
    }

    @Test("Python verifies csw signatures")
    func pythonVerifiesSignatures() throws {
        let secret = try WebhookSecret.parse(alphabetSecret)
        let now = Int64(Date().timeIntervalSince1970)
        var cases: [[String: String]] = []
        for (index, body) in awkwardBodies.enumerated() {
            let id = "msg_case\(index)"
            let signature = WebhookSignature.sign(id: id, timestampSeconds: now, body: Array(body.utf8), secret: secret)
            cases.append(["id": id, "timestamp": String(now), "signature": signature, "body": Base64.encode(Array(body.utf8))])
        }
        let script = """
            import base64, json, sys
            from standardwebhooks.webhooks import Webhook
            hook = Webhook(sys.argv[1])
            for case in json.load(sys.stdin):
                headers = {"webhook-id": case["id"], "webhook-timestamp": case["timestamp"],
                           "webhook-signature": case["signature"]}
                try:
                    hook.verify(base64.b64decode(case["body"]), headers, json_parse=False)
                    print("ok")
                except Exception as error:
                    print("failed", type(error).__name__)
            """
        let output = try runPython(script, arguments: [alphabetSecret], input: JSONSerialization.data(withJSONObject: cases))
        #expect(output.split(separator: "\n") == Array(repeating: "ok", count: awkwardBodies.count))
    }

    @Test("csw verifies Python signatures")
    func verifiesPythonSignatures() throws {
        let secret = try WebhookSecret.parse(alphabetSecret)
        let now = Int64(Date().timeIntervalSince1970)
        let script = """
            import base64, json, sys
            from datetime import datetime, timezone
            from standardwebhooks.webhooks import Webhook
            hook = Webhook(sys.argv[1])
            stamp = datetime.fromtimestamp(int(sys.argv[2]), tz=timezone.utc)
            for index, body in enumerate(json.load(sys.stdin)):
                print(hook.sign("msg_py%d" % index, stamp, body.encode()))
            """
        let input = try JSONSerialization.data(withJSONObject: awkwardBodies)
        let signatures = try runPython(script, arguments: [alphabetSecret, String(now)], input: input)
            .split(separator: "\n").map(String.init)
        #expect(signatures.count == awkwardBodies.count)
        for (index, signature) in signatures.enumerated() where index < awkwardBodies.count {
            let result = WebhookSignature.verify(
                id: "msg_py\(index)", timestamp: String(now), signatureHeader: signature,
                body: Array(awkwardBodies[index].utf8), secrets: [secret], nowSeconds: now)
            #expect(result == .valid(secretIndex: 0), "body \(index)")
        }
    }

    @Test("rotation header verifies with either secret")
    func rotationHeaderVerifies() throws {
        let old = try WebhookSecret.parse(alphabetSecret)
        let new = try WebhookSecret.parse(otherSecret)
        let unrelated = WebhookSecret.generate()
        let body = Array("{}".utf8)
        let header = WebhookSignature.signatureHeader(id: "msg_1", timestamp: 1000, body: body, secrets: [old, new])
        #expect(header.split(separator: " ").count == 2)
        func check(_ secrets: [WebhookSecret]) -> VerificationResult {
            WebhookSignature.verify(
                id: "msg_1", timestamp: "1000", signatureHeader: header, body: body, secrets: secrets, nowSeconds: 1000)
        }
        #expect(check([old]) == .valid(secretIndex: 0))
        #expect(check([new]) == .valid(secretIndex: 0))
        #expect(check([unrelated, new]) == .valid(secretIndex: 1))
        #expect(check([unrelated]) == .invalidSignature)
    }
}

@Suite("webhook verification")
struct VerificationTests {
    let secret = try! WebhookSecret.parse(alphabetSecret)
    let body = Array(#"{"amount":2.50}"#.utf8)
    let now: Int64 = 1_767_225_600

    func header(id: String = "msg_1", timestamp: Int64? = nil, body: [UInt8]? = nil) -> String {
        WebhookSignature.sign(id: id, timestampSeconds: timestamp ?? now, body: body ?? self.body, secret: secret)
    }

    func verify(id: String = "msg_1", timestamp: String? = nil, signature: String? = nil, body: [UInt8]? = nil)
        -> VerificationResult
    {
        WebhookSignature.verify(
            id: id, timestamp: timestamp ?? String(now), signatureHeader: signature ?? header(),
            body: body ?? self.body, secrets: [secret], nowSeconds: now)
    }

    @Test("accepts a fresh signature")
    func acceptsFresh() {
        #expect(verify() == .valid(secretIndex: 0))
    }

    @Test("reports missing headers")
    func reportsMissingHeaders() {
        #expect(verify(id: "") == .missingHeader("webhook-id"))
        #expect(verify(timestamp: "") == .missingHeader("webhook-timestamp"))
        #expect(verify(signature: "") == .missingHeader("webhook-signature"))
    }

    @Test("rejects malformed timestamps", arguments: [
        "12.5", "-5", "+5", "0123", "abc", " 1767225600", "1767225600 ", "1e9", "9999999999999999999",
    ])
    func rejectsMalformedTimestamp(timestamp: String) {
        #expect(verify(timestamp: timestamp) == .malformedTimestamp)
    }

    @Test("reports a timestamp 10 minutes old")
    func reportsOldTimestamp() {
        let old = now - 600
        #expect(verify(timestamp: String(old), signature: header(timestamp: old)) == .timestampTooOld(ageSeconds: 600))
    }

    @Test("reports a timestamp 10 minutes ahead")
    func reportsFutureTimestamp() {
        let ahead = now + 600
        #expect(verify(timestamp: String(ahead), signature: header(timestamp: ahead)) == .timestampInFuture(seconds: 600))
    }

    @Test("accepts the tolerance boundary")
    func acceptsToleranceBoundary() {
        for stamp in [now - 300, now + 300] {
            #expect(verify(timestamp: String(stamp), signature: header(timestamp: stamp)) == .valid(secretIndex: 0))
        }
        #expect(verify(timestamp: String(now - 301), signature: header(timestamp: now - 301)) == .timestampTooOld(ageSeconds: 301))
    }

    @Test("rejects changed bytes")
    func rejectsChangedBytes() {
        #expect(verify(body: Array(#"{"amount":2.5}"#.utf8)) == .invalidSignature)
        #expect(verify(body: body + [0x0A]) == .invalidSignature)
        #expect(verify(id: "msg_2") == .invalidSignature)
        #expect(verify(timestamp: String(now + 1)) == .invalidSignature)
    }

    @Test("ignores other signature versions", arguments: [
        ("v2 entry first", "v2,abc {good}"),
        ("v1a entry with a match", "v1a,{bare} {good}"),
        ("double space", "v1,AAAA  {good}"),
        ("invalid base64 entry", "v1,!!!! {good}"),
    ])
    func ignoresOtherVersions(name: String, template: String) {
        let good = header()
        let bare = String(good.dropFirst(3))
        let value = template.replacingOccurrences(of: "{good}", with: good).replacingOccurrences(of: "{bare}", with: bare)
        #expect(verify(signature: value) == .valid(secretIndex: 0), "\(name)")
    }

    @Test("rejects headers without a v1 match", arguments: [
        "v2,{bare}", "{bare}", "v1,", "V1,{bare}", "v1,{bare}=",
    ])
    func rejectsWithoutMatch(template: String) {
        let bare = String(header().dropFirst(3))
        let value = template.replacingOccurrences(of: "{bare}", with: bare)
        #expect(verify(signature: value) == .invalidSignature, "\(template)")
    }

    @Test("reason is one line")
    func reasonIsOneLine() {
        let results: [VerificationResult] = [
            .valid(secretIndex: 0), .valid(secretIndex: 1), .invalidSignature, .missingHeader("webhook-id"),
            .malformedTimestamp, .timestampTooOld(ageSeconds: 600), .timestampInFuture(seconds: 600),
        ]
        for result in results {
            #expect(!result.reason.isEmpty)
            #expect(!result.reason.contains("\n"))
        }
    }
}

/// Runs a Python script with arguments and standard input, returning its
/// standard output, and fails when it exits with an error.
private func runPython(_ script: String, arguments: [String], input: Data) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let inputPipe = Pipe()
    let outputPipe = Pipe()
    let errorPipe = Pipe()
    process.standardInput = inputPipe
    process.standardOutput = outputPipe
    process.standardError = errorPipe
    try process.run()
    inputPipe.fileHandleForWriting.write(input)
    try inputPipe.fileHandleForWriting.close()
    let output = outputPipe.fileHandleForReading.readDataToEndOfFile()
    let errors = errorPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "python3 failed: \(String(decoding: errors, as: UTF8.self))")
    return String(decoding: output, as: UTF8.self)
}
