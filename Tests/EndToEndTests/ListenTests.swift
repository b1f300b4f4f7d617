import Foundation
import Testing

/// Posts a body with exactly these header lines through Python's http.client
/// and returns the response status.
private func post(port: Int, headers: [(String, String)], body: Data) throws -> Int {
    let script = #"""
        import base64, http.client, json, sys
        request = json.load(sys.stdin)
        connection = http.client.HTTPConnection("127.0.0.1", request["port"], timeout=10)
        body = base64.b64decode(request["body"])
        connection.putrequest("POST", "/odd", skip_host=False, skip_accept_encoding=True)
        for name, value in request["headers"]:
            connection.putheader(name, value)
        connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        print(connection.getresponse().status)
        """#
    let input: [String: Any] = [
        "port": port, "body": body.base64EncodedString(), "headers": headers.map { [$0.0, $0.1] },
    ]
    let result = try runPython(script, stdin: try JSONSerialization.data(withJSONObject: input), timeout: 30)
    guard result.status == 0, let status = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw HarnessError("the POST failed: \(result.stderr)")
    }
    return status
}

@Suite("csw listen receives and verifies webhooks")
struct ListenTests {
    @Test("odd-case header names and a charset still verify")
    func oddCaseHeadersVerify() throws {
        let sandbox = try Sandbox()
        let secret = TestSecret.random()
        let secretPath = try sandbox.write("secret", secret + "\n")
        let listener = try ListeningCSW(sandbox, ["--secret-file", secretPath, "--count", "1", "--json"])
        let body = Data("{\"event\":\"response_submitted\",\"note\":\"naïve\"}".utf8)
        let timestamp = Int(Date().timeIntervalSince1970)
        let signature = try StandardWebhooks.sign(secret: secret, id: "msg_OddCase1", timestamp: timestamp, body: body)

        let status = try post(port: listener.port, headers: [
            ("WEBHOOK-ID", "msg_OddCase1"), ("Webhook-Timestamp", String(timestamp)), ("Webhook-Signature", signature),
            ("Content-Type", "application/json; charset=UTF-8"),
        ], body: body)
        #expect(status == 204)
        let result = listener.process.wait(timeout: 10)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let line = try jsonObject(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let verification = line["verification"] as? [String: Any]
        #expect(verification?["valid"] as? Bool == true, "line: \(result.stdout)")
        #expect(line["webhook_id"] as? String == "msg_OddCase1")
        #expect(Data(base64Encoded: line["body_base64"] as? String ?? "") == body)
    }

    @Test("bad signature is answered 401")
    func badSignatureRejected() throws {
        let sandbox = try Sandbox()
        let secretPath = try sandbox.write("secret", TestSecret.random() + "\n")
        let listener = try ListeningCSW(sandbox, ["--secret-file", secretPath, "--count", "1", "--json"])
        let body = Data("{}".utf8)
        let timestamp = Int(Date().timeIntervalSince1970)
        let signature = try StandardWebhooks.sign(secret: TestSecret.random(), id: "msg_x", timestamp: timestamp, body: body)
        let status = try post(port: listener.port, headers: [
            ("webhook-id", "msg_x"), ("webhook-timestamp", String(timestamp)), ("webhook-signature", signature),
            ("Content-Type", "application/json"),
        ], body: body)
        #expect(status == 401)
        let result = listener.process.wait(timeout: 10)
        #expect(result.status == 4, "a request that failed verification makes listen exit 4")
        let line = try jsonObject(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect((line["verification"] as? [String: Any])?["valid"] as? Bool == false)
    }

    @Test("SIGINT stops listen with status 130")
    func interruptExits130() throws {
        let sandbox = try Sandbox()
        let listener = try ListeningCSW(sandbox, [])
        listener.process.signal(SIGINT)
        let result = listener.process.wait(timeout: 10)
        #expect(result.status == 130)
        #expect(result.stderr.contains("Stopped after 0 requests"))
    }

    @Test("--count N --json prints N lines")
    func countJSONLines() throws {
        let sandbox = try Sandbox()
        let secret = TestSecret.random()
        let secretPath = try sandbox.write("secret", secret + "\n")
        let listener = try ListeningCSW(sandbox, ["--secret-file", secretPath, "--count", "3", "--json"])
        for number in 0..<3 {
            try sandbox.subscribe(listener.url("/in-\(number)"), secret: secret)
        }
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")

        let result = listener.process.wait(timeout: 10)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let deliveryIDs = Set(try sandbox.deliveries().compactMap { $0["id"] as? String })
        var seen: Set<String> = []
        for line in lines {
            let object = try jsonObject(String(line))
            #expect(object["method"] as? String == "POST")
            #expect(object["event"] as? String == "response_submitted")
            #expect((object["verification"] as? [String: Any])?["valid"] as? Bool == true, "line: \(line)")
            seen.insert(object["webhook_id"] as? String ?? "")
        }
        #expect(seen == deliveryIDs)
    }

    @Test("--status 500 makes fire record http_error")
    func forcedStatusRecorded() throws {
        let sandbox = try Sandbox()
        let listener = try ListeningCSW(sandbox, ["--status", "500", "--count", "1"])
        try sandbox.subscribe(listener.url("/in"))
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 3)
        let delivery = try #require(try sandbox.deliveries().first)
        #expect(delivery["outcome"] as? String == "http_error")
        #expect(delivery["status_code"] as? Int == 500)
        #expect(delivery["state"] as? String == "failed")
        #expect(listener.process.wait(timeout: 10).status == 0)
    }

    @Test("--subscription verifies with the store's secret")
    func subscriptionSecretVerifies() throws {
        let sandbox = try Sandbox()
        // The listener reads the secret when it starts, so the subscription
        // exists first and gets the listener's URL afterwards.
        let id = try sandbox.subscribe("http://127.0.0.1:9/placeholder")
        let listener = try ListeningCSW(sandbox, ["--subscription", id, "--count", "1"])
        let updated = try sandbox.csw(["update", id, "--url", listener.url("/in")])
        #expect(updated.status == 0, "stderr: \(updated.stderr)")
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let result = listener.process.wait(timeout: 10)
        #expect(result.stdout.contains("signature valid"), "output: \(result.stdout)")
    }
}
