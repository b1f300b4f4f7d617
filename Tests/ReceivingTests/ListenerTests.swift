import Foundation
import Testing

@testable import CSWCore
@testable import CSWReceiving

private let secret = try! WebhookSecret.parse("whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=")

private func options(_ change: (inout ListenerOptions) -> Void = { _ in }) -> ListenerOptions {
    var options = ListenerOptions()
    options.secrets = [secret]
    options.idleStopMilliseconds = 20_000
    change(&options)
    return options
}

@Suite("webhook listener", .serialized)
struct ListenerTests {
    @Test("receives a signed POST with odd header case")
    func receivesSignedPost() throws {
        let running = try RunningListener(options())
        defer { running.stop() }
        let body = Array(#"{"event":"response_created","title":"Café 🚲 𝄞","amount":2.50}"#.utf8) + [0x0A]
        let stamp = Int64(Date().timeIntervalSince1970)
        let signature = WebhookSignature.sign(id: "msg_odd", timestampSeconds: stamp, body: body, secret: secret)
        let head = [
            "POST /hooks?source=test HTTP/1.1",
            "host: 127.0.0.1",
            "content-type: application/json; charset=UTF-8",
            "CONTENT-LENGTH: \(body.count)",
            "WEBHOOK-ID: msg_odd",
            "Webhook-Timestamp: \(stamp)",
            "wEbHoOk-SiGnAtUrE: v2,ignored \(signature)",
        ].joined(separator: "\r\n") + "\r\n\r\n"
        let client = try TestClient(port: running.port)
        try client.send(Array(head.utf8) + body)

        let response = try #require(client.readResponse())
        #expect(response.status == 204)
        #expect(running.stop())
        let request = try #require(running.received.first)
        #expect(request.body == body)
        #expect(request.method == "POST")
        #expect(request.path == "/hooks")
        #expect(request.target == "/hooks?source=test")
        #expect(request.verification == .valid(secretIndex: 0))
        #expect(request.webhookID == "msg_odd")
        #expect(request.event == "response_created")
        #expect(request.value(of: "Content-Type") == "application/json; charset=UTF-8")
        #expect(request.remoteAddress.hasPrefix("127.0.0.1:"))
    }

    @Test("serves two requests on one connection")
    func keepsConnectionAlive() throws {
        let running = try RunningListener(options())
        defer { running.stop() }
        let client = try TestClient(port: running.port)
        try client.send(signedRequest(body: Array("{\"n\":1}".utf8), secret: secret, id: "msg_a"))
        let first = try #require(client.readResponse())
        try client.send(signedRequest(body: Array("{\"n\":2}".utf8), secret: secret, id: "msg_b"))
        let second = try #require(client.readResponse())

        #expect(first.status == 204)
        #expect(second.status == 204)
        #expect(first.headers["connection"] == nil)
        #expect(running.stop())
        let received = running.received
        #expect(received.map(\.webhookID) == ["msg_a", "msg_b"])
        #expect(received.count == 2)
        #expect(received.first?.remoteAddress == received.last?.remoteAddress)
    }

    @Test("serves pipelined requests in order")
    func servesPipelinedRequests() throws {
        let running = try RunningListener(options())
        defer { running.stop() }
        let client = try TestClient(port: running.port)
        let first = signedRequest(body: Array("{\"n\":1}".utf8), secret: secret, id: "msg_p1")
        let second = signedRequest(body: Array("{\"n\":2}".utf8), secret: secret, id: "msg_p2", connectionClose: true)
        try client.send(first + second)
        #expect(client.readResponse()?.status == 204)
        let last = try #require(client.readResponse())
        #expect(last.status == 204)
        #expect(last.headers["connection"] == "close")
        #expect(client.waitForClose(seconds: 3))
        #expect(running.stop())
        #expect(running.received.map(\.webhookID) == ["msg_p1", "msg_p2"])
    }

    @Test("cuts off a drip-feeding client while serving others")
    func cutsOffSlowClient() throws {
        let running = try RunningListener(options { $0.requestTimeoutMilliseconds = 1500 })
        defer { running.stop() }
        let slow = try TestClient(port: running.port)
        let started = Date()
        try slow.send("POST /slow HTTP/1.1\r\n")

        // Another client is served while the slow one still owes its headers.
        let fast = try TestClient(port: running.port)
        try slow.send("Host: 127.0.0.1\r\n")
        try fast.send(signedRequest(body: Array("{}".utf8), secret: secret, id: "msg_fast"))
        let fastResponse = try #require(fast.readResponse(seconds: 1))
        #expect(fastResponse.status == 204)
        #expect(Date().timeIntervalSince(started) < 1.0)

        var dripped = 0
        while Date().timeIntervalSince(started) < 3.5 {
            Thread.sleep(forTimeInterval: 0.4)
            guard (try? slow.send("X-Drip-\(dripped): 1\r\n")) != nil else { break }
            dripped += 1
        }
        let slowResponse = try #require(slow.readResponse(seconds: 2))
        #expect(slowResponse.status == 408)
        #expect(slowResponse.headers["connection"] == "close")
        #expect(slow.waitForClose(seconds: 2))
        #expect(Date().timeIntervalSince(started) < 4.0)
        #expect(running.stop())
        #expect(running.received.map(\.webhookID) == ["msg_fast"])
        #expect(running.rejected.map(\.status) == [408])
    }

    @Test("rejects a body over the limit with 413")
    func rejectsLargeBody() throws {
        let running = try RunningListener(options { $0.limits.maximumBodyBytes = 1024 })
        defer { running.stop() }
        let client = try TestClient(port: running.port)
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: 4096)
        try client.send(signedRequest(body: body, secret: secret))
        let response = try #require(client.readResponse())
        #expect(response.status == 413)
        #expect(response.body.contains("1024"))
        #expect(client.waitForClose(seconds: 3))
        #expect(running.stop())
        #expect(running.received.isEmpty)
        #expect(running.rejected.map(\.status) == [413])
        #expect(running.rejected.first?.summaryLine.contains("rejected 127.0.0.1:") == true)
    }

    @Test("rejects oversized headers with 431")
    func rejectsLargeHeaders() throws {
        let running = try RunningListener(options { $0.limits.maximumHeadBytes = 2048 })
        defer { running.stop() }
        let client = try TestClient(port: running.port)
        try client.send("GET / HTTP/1.1\r\nX-Filler: \(String(repeating: "b", count: 4096))\r\n\r\n")
        #expect(client.readResponse()?.status == 431)
        #expect(client.waitForClose(seconds: 3))
    }

    @Test("rejects a chunked body with 411")
    func rejectsChunkedBody() throws {
        let running = try RunningListener(options())
        defer { running.stop() }
        let client = try TestClient(port: running.port)
        try client.send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
        #expect(client.readResponse()?.status == 411)
        #expect(client.waitForClose(seconds: 3))
    }

    @Test("answers 401 to a bad signature")
    func reportsBadSignature() throws {
        let running = try RunningListener(options())
        defer { running.stop() }
        let client = try TestClient(port: running.port)
        var request = signedRequest(body: Array("{\"amount\":2.50}".utf8), secret: secret)
        request[request.count - 2] = UInt8(ascii: "1")
        try client.send(request)
        let response = try #require(client.readResponse())
        #expect(response.status == 401)
        #expect(response.body.contains("signature"))
        #expect(running.stop())
        #expect(running.received.first?.verification == .invalidSignature)
        #expect(running.received.first?.responseStatus == 401)
    }

    @Test("reports a timestamp 10 minutes old")
    func reportsOldTimestamp() throws {
        let running = try RunningListener(options())
        defer { running.stop() }
        let client = try TestClient(port: running.port)
        let old = Int64(Date().timeIntervalSince1970) - 600
        try client.send(signedRequest(body: Array("{}".utf8), secret: secret, timestamp: old))
        #expect(client.readResponse()?.status == 401)
        #expect(running.stop())
        let verification = try #require(running.received.first?.verification)
        guard case .timestampTooOld(let age) = verification else {
            Issue.record("expected timestampTooOld, got \(verification)")
            return
        }
        #expect((599...602).contains(age))
    }

    @Test("forced status applies to every request")
    func forcedStatusApplies() throws {
        let running = try RunningListener(options { $0.forcedStatus = 503 })
        defer { running.stop() }
        let client = try TestClient(port: running.port)
        try client.send(signedRequest(body: Array("{}".utf8), secret: secret, id: "msg_good"))
        #expect(client.readResponse()?.status == 503)
        try client.send(signedRequest(body: Array("{}".utf8), secret: WebhookSecret.generate(), id: "msg_bad"))
        #expect(client.readResponse()?.status == 503)
        #expect(running.stop())
        #expect(running.received.map(\.verification) == [.valid(secretIndex: 0), .invalidSignature])
    }

    @Test("without secrets nothing is verified")
    func skipsVerificationWithoutSecrets() throws {
        let running = try RunningListener(options { $0.secrets = [] })
        defer { running.stop() }
        let client = try TestClient(port: running.port)
        try client.send("POST /x HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}")
        #expect(client.readResponse()?.status == 204)
        #expect(running.stop())
        #expect(running.received.count == 1)
        #expect(running.received.first?.verification == nil)
    }

    @Test("stops after the request maximum")
    func stopsAfterMaximum() throws {
        let running = try RunningListener(options { $0.maximumRequests = 2 })
        defer { running.stop() }
        let client = try TestClient(port: running.port)
        for id in ["msg_1", "msg_2"] {
            try client.send(signedRequest(body: Array("{}".utf8), secret: secret, id: id))
            #expect(client.readResponse()?.status == 204)
        }
        #expect(running.waitUntilFinished(seconds: 3))
        #expect(client.waitForClose(seconds: 2))
        #expect(running.received.count == 2)
    }

    @Test("stops after the idle time")
    func stopsWhenIdle() throws {
        let started = Date()
        let running = try RunningListener(options { $0.idleStopMilliseconds = 300 })
        #expect(running.waitUntilFinished(seconds: 3))
        #expect(Date().timeIntervalSince(started) >= 0.3)
    }

    @Test("sends 100 Continue when asked")
    func sendsContinue() throws {
        let running = try RunningListener(options())
        defer { running.stop() }
        let client = try TestClient(port: running.port)
        let body = Array("{\"big\":true}".utf8)
        let request = signedRequest(body: body, secret: secret, extraHeaders: ["Expect: 100-continue"])
        try client.send(Array(request.dropLast(body.count)))
        #expect(client.readResponse()?.status == 100)
        try client.send(body)
        #expect(client.readResponse()?.status == 204)
        #expect(running.stop())
        #expect(running.received.first?.verification == .valid(secretIndex: 0))
    }

    @Test("answers a request sent before a half-close")
    func answersAfterHalfClose() throws {
        let running = try RunningListener(options())
        defer { running.stop() }
        let client = try TestClient(port: running.port)
        try client.send(signedRequest(body: Array("{}".utf8), secret: secret))
        shutdown(client.descriptor, Int32(SHUT_WR))
        #expect(client.readResponse()?.status == 204)
    }

    @Test("binds ::1 when asked")
    func bindsIPv6Loopback() throws {
        let listener: RunningListener
        do {
            listener = try RunningListener(options { $0.host = .ipv6 })
        } catch let error as SystemError where error.code == EADDRNOTAVAIL || error.code == EAFNOSUPPORT {
            // NOTE: hosts without IPv6 loopback cannot run this test.
            return
        }
        defer { listener.stop() }
        #expect(listener.listener.url == "http://[::1]:\(listener.port)/")
        let client = try TestClient(port: listener.port, ipv6: true)
        try client.send(signedRequest(body: Array("{}".utf8), secret: secret))
        #expect(client.readResponse()?.status == 204)
        #expect(listener.stop())
        #expect(listener.received.first?.remoteAddress.hasPrefix("[::1]:") == true)
    }

    @Test("accepts a request Python signed and sent")
    func acceptsPythonRequest() throws {
        let running = try RunningListener(options())
        defer { running.stop() }
        let script = """
            import sys, urllib.request
            from datetime import datetime, timezone
            from standardwebhooks.webhooks import Webhook
            body = '{"type":"user_created","name":"Zoë 🦊"}'.encode()
            now = datetime.now(tz=timezone.utc)
            signature = Webhook(sys.argv[1]).sign("msg_python", now, body)
            request = urllib.request.Request(
                "http://127.0.0.1:%s/py" % sys.argv[2], data=body, method="POST",
                headers={"Content-Type": "application/json", "webhook-id": "msg_python",
                         "webhook-timestamp": str(int(now.timestamp())), "webhook-signature": signature})
            print(urllib.request.urlopen(request, timeout=5).status)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, secret.text, String(running.port)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == "204")
        #expect(running.stop())
        let request = try #require(running.received.first)
        #expect(request.verification == .valid(secretIndex: 0))
        #expect(request.event == "user_created")
        #expect(request.body == Array(#"{"type":"user_created","name":"Zoë 🦊"}"#.utf8))
    }
}
