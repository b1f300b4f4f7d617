import Foundation
import Testing

@Suite("secret files")
struct SecretFileTests {
    /// Runs `csw subscribe` with a secret file holding `contents`.
    private func subscribe(withSecretFile contents: Data, in sandbox: Sandbox) throws -> ProcessResult {
        let path = sandbox.path("secret-\(UUID().uuidString.prefix(8))")
        try contents.write(to: URL(fileURLWithPath: path))
        return try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/\(UUID().uuidString)", "-e", "users", "--secret-file", path])
    }

    /// Checks a rejected secret file: one error line without the secret, nothing stored.
    private func expectRejected(_ contents: String, secret: String, fragment: String) throws {
        let sandbox = try Sandbox()
        let result = try subscribe(withSecretFile: Data(contents.utf8), in: sandbox)
        #expect(result.status == 2)
        #expect(lines(result.stderr).count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains(fragment), "stderr: \(result.stderr)")
        #expect(!result.stderr.contains(secret))
        #expect(!result.stderr.contains(String(secret.dropFirst(6).prefix(12))), "the error repeats part of the key")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
    }

    @Test("trailing space is rejected without echoing the secret")
    func trailingSpace() throws {
        let secret = randomSecretText()
        try expectRejected(secret + " \n", secret: secret, fragment: "contains whitespace")
    }

    @Test("CRLF line end is rejected without echoing the secret")
    func crlfLineEnd() throws {
        let secret = randomSecretText()
        try expectRejected(secret + "\r\n", secret: secret, fragment: "CRLF")
    }

    @Test("two final line feeds are rejected")
    func twoLineFeeds() throws {
        let secret = randomSecretText()
        try expectRejected(secret + "\n\n", secret: secret, fragment: "contains whitespace")
    }

    @Test("malformed secrets are rejected", arguments: [
        ("not base64", "whsec_!!!!", "not padded base64"),
        ("no prefix", "plain-text-pass", "does not start with \"whsec_\""),
        ("key too short", "whsec_" + Data(repeating: 1, count: 8).base64EncodedString(), "its key is 8 bytes"),
        ("key too long", "whsec_" + Data(repeating: 1, count: 65).base64EncodedString(), "its key is 65 bytes"),
        ("empty file", "", "the file is empty"),
    ])
    func malformed(name: String, contents: String, fragment: String) throws {
        let sandbox = try Sandbox()
        let result = try subscribe(withSecretFile: Data(contents.utf8), in: sandbox)
        #expect(result.status == 2, "\(name)")
        #expect(lines(result.stderr).count == 1, "\(name): \(result.stderr)")
        #expect(result.stderr.contains(fragment), "\(name): \(result.stderr)")
        if contents.count > 6 { #expect(!result.stderr.contains(contents), "\(name) echoed the secret") }
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
    }

    @Test("exactly one final line feed is accepted")
    func oneLineFeed() throws {
        let sandbox = try Sandbox()
        let secret = randomSecretText()
        let result = try subscribe(withSecretFile: Data((secret + "\n").utf8), in: sandbox)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(!result.stderr.contains(secret))
        let id = result.stdout.trimmingCharacters(in: .newlines)
        let shown = try parseJSONObject(try sandbox.csw(["show", id, "--json", "--show-secret"]).stdout)
        #expect(shown["secret"] as? String == secret)
    }

    @Test("secret file dash reads standard input")
    func standardInput() throws {
        let sandbox = try Sandbox()
        let secret = randomSecretText(byteCount: 24)
        let result = try sandbox.csw(
            ["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "--secret-file", "-"], stdin: Data((secret + "\n").utf8))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let id = result.stdout.trimmingCharacters(in: .newlines)
        let shown = try parseJSONObject(try sandbox.csw(["show", id, "--json", "--show-secret"]).stdout)
        #expect(shown["secret"] as? String == secret)
        #expect(shown["secret_fingerprint"] as? String == (try expectedFingerprint(ofSecret: secret)))
    }

    @Test("same secret file gives the same fingerprint")
    func sameFingerprint() throws {
        let sandbox = try Sandbox()
        let secret = randomSecretText()
        let file = try sandbox.write("shared-secret", secret + "\n")
        let first = try sandbox.addSubscription("https://hooks.example.test/a", ["-e", "users", "--secret-file", file])
        let second = try sandbox.addSubscription("https://hooks.example.test/b", ["-e", "users", "--secret-file", file])
        let other = try sandbox.addSubscription("https://hooks.example.test/c")

        func fingerprint(_ id: String) throws -> String? {
            lines(try sandbox.csw(["show", id]).stdout).first { $0.hasPrefix("fingerprint:") }?
                .dropFirst("fingerprint:".count).trimmingCharacters(in: .whitespaces)
        }
        let expected = try expectedFingerprint(ofSecret: secret)
        #expect(try fingerprint(first) == expected)
        #expect(try fingerprint(second) == expected)
        #expect(try fingerprint(other) != expected)
        #expect(expected.count == 19)
    }
}

@Suite("header injection")
struct HeaderInjectionTests {
    private let injected = "X-Dept: planning\r\nX-Injected: 1"

    @Test("subscribe rejects a header with CR LF")
    func subscribe() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "--header", injected])
        #expect(result.status == 2)
        #expect(result.stderr.contains("invalid value for header 'X-Dept': it contains a line break (\\r)"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
    }

    @Test("update rejects a header with CR LF")
    func update() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in")
        let before = try sandbox.snapshot()
        let result = try sandbox.csw(["update", id, "--header", injected])
        #expect(result.status == 2)
        #expect(result.stderr.contains("it contains a line break"))
        #expect(try sandbox.snapshot() == before)
    }

    @Test("import rejects a header with CR LF", arguments: [
        ("CR LF in the value", "X-Dept", "planning\r\nX-Injected: 1", "it contains a line break"),
        ("LF in the value", "X-Dept", "planning\nX-Injected: 1", "it contains a line break"),
        ("CR LF in the name", "X-Dept\r\nX-Injected", "1", "invalid header name"),
        ("reserved name", "Webhook-Signature", "v1,AAAA", "is set by csw itself"),
    ])
    func importFile(name: String, headerName: String, value: String, fragment: String) throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/kept")
        let before = try sandbox.snapshot()
        let entry: [String: Any] = [
            "id": "sub_injected0001", "url": "https://hooks.example.test/in", "events": ["users"], "departments": [],
            "secret": randomSecretText(), "headers": [["name": headerName, "value": value]],
        ]
        let file = try sandbox.writeJSON("import.json", ["format": "csw-export", "version": 1, "subscriptions": [entry]])
        let result = try sandbox.csw(["import", file])
        #expect(result.status == 1, "\(name)")
        #expect(result.stderr.contains(fragment), "\(name): \(result.stderr)")
        #expect(result.stderr.contains("nothing was imported"))
        #expect(lines(result.stderr).count == 1, "the message keeps CR and LF escaped: \(result.stderr)")
        #expect(try sandbox.snapshot() == before)
    }

    @Test("stored headers hold no line break")
    func storedHeaders() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/in", ["-e", "users", "-H", "X-Dept: planning", "-H", "X-Tab:\ta\tb "])
        let stored = try sandbox.sqlite("SELECT hex(headers) FROM subscriptions").trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes = stride(from: 0, to: stored.count, by: 2).map { offset -> UInt8 in
            let start = stored.index(stored.startIndex, offsetBy: offset)
            return UInt8(stored[start..<stored.index(start, offsetBy: 2)], radix: 16)!
        }
        #expect(!bytes.contains(0x0D))
        #expect(String(decoding: bytes, as: UTF8.self) == "X-Dept: planning\nX-Tab: a\tb")
    }
}

@Suite("credentials in URLs")
struct URLCredentialTests {
    private let url = "https://ops:Tr0ub4dor@hooks.example.test/in?token=demo123"
    private let masked = "https://ops:***@hooks.example.test/in?token=***"

    private func expectMasked(_ result: ProcessResult, _ what: String) {
        for secret in ["Tr0ub4dor", "demo123"] {
            #expect(!result.stdout.contains(secret), "\(what) printed \(secret) on stdout")
            #expect(!result.stderr.contains(secret), "\(what) printed \(secret) on stderr")
        }
    }

    @Test("list, show and errors mask the password and token")
    func masksEverywhere() throws {
        let sandbox = try Sandbox()
        let created = try sandbox.csw(["subscribe", "--url", url, "-e", "response_submitted", "-d", "planning"])
        #expect(created.status == 0)
        expectMasked(created, "subscribe")
        let id = created.stdout.trimmingCharacters(in: .newlines)
        _ = try sandbox.addSubscription("https://hooks.example.test/other", ["-e", "response_submitted", "-d", "planning"])

        let readers: [[String]] = [
            ["list"], ["list", "--json"], ["list", "--format", "tsv"], ["list", "--format", "table"], ["show", id],
            ["show", id, "--json"], ["list", "--verbose"], ["disable", id, "--dry-run"],
            ["disable", "-e", "response_submitted", "-d", "planning", "--dry-run"],
        ]
        for arguments in readers {
            let result = try sandbox.csw(arguments)
            #expect(result.status == 0, "csw \(arguments.joined(separator: " ")): \(result.stderr)")
            expectMasked(result, "csw \(arguments.joined(separator: " "))")
        }
        #expect(try sandbox.csw(["list"]).stdout.contains(masked))
        #expect(try sandbox.csw(["show", id]).stdout.contains(masked))

        let failures: [[String]] = [
            ["subscribe", "--url", url, "-e", "response_submitted", "-d", "planning"],
            ["subscribe", "--url", url + "#part", "-e", "users"],
            ["subscribe", "--url", url + "&x=a b", "-e", "users"],
            ["subscribe", "--url", "ftp://ops:Tr0ub4dor@hooks.example.test/in?token=demo123", "-e", "users"],
            ["update", id, "--url", "https://ops:Tr0ub4dor@hooks.example.test/other?token=demo123#x"],
            ["subscribe", "--url", "https://ops:Tr0ub4dor@127.0.0.1/in?token=demo123", "-e", "users"],
        ]
        for arguments in failures {
            let result = try sandbox.csw(arguments)
            #expect(result.status != 0, "csw \(arguments.joined(separator: " ")) succeeded")
            expectMasked(result, "csw \(arguments.joined(separator: " "))")
        }

        let disabled = try sandbox.csw(["disable", id])
        expectMasked(disabled, "disable")
        #expect(disabled.stdout.contains(masked))
    }

    @Test("plain http warning masks the password")
    func httpWarning() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["subscribe", "--url", "http://ops:Tr0ub4dor@hooks.example.test/in?token=demo123", "-e", "users"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("plain http"))
        expectMasked(result, "subscribe over http")
    }

    @Test("show-secret prints the URL unmasked")
    func showSecret() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription(url)
        #expect(try sandbox.csw(["show", id, "--show-secret"]).stdout.contains(url))
        let object = try parseJSONObject(try sandbox.csw(["show", id, "--json", "--show-secret"]).stdout)
        #expect(object["url"] as? String == url)
        let list = try parseJSONArray(try sandbox.csw(["list", "--json"]).stdout)
        #expect(list.first?["url"] as? String == masked)
    }
}

@Suite("store locking")
struct StoreLockingTests {
    @Test("subscribe waits for another writer and succeeds")
    func waitsForWriter() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/first")
        let holder = try RunningProcess("/usr/bin/env", [
            "python3", "-c",
            """
            import sqlite3, sys, time
            connection = sqlite3.connect(sys.argv[1], isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            time.sleep(2)
            connection.execute("COMMIT")
            print("released", flush=True)
            """,
            sandbox.storePath,
        ])
        #expect(holder.waitForOutput("locked"))
        let start = Date()
        let result = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/second", "-e", "users", "-q"], timeout: 30)
        let waited = Date().timeIntervalSince(start)
        let holderResult = holder.wait(timeout: 10)

        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(!result.stderr.contains("locked"))
        #expect(result.stderr.isEmpty)
        #expect(waited > 1.0, "subscribe returned after \(waited) s, before the lock was released")
        #expect(holderResult.status == 0, "the lock holder failed: \(holderResult.stderr)")
        #expect(try sandbox.subscriptionCount() == 2)
    }

    @Test("eight writers at once lose no subscription", .timeLimit(.minutes(5)))
    func concurrentWriters() throws {
        let sandbox = try Sandbox()
        let script = """
            worker=$1
            i=1
            while [ "$i" -le 100 ]; do
                "$CSW" subscribe --url "https://hooks.example.test/w$worker/n$i" --event users --quiet >/dev/null || echo "subscribe $worker/$i failed" >&2
                i=$((i + 1))
            done
            """
        var environment = ProcessInfo.processInfo.environment
        environment["CSW_DB"] = sandbox.storePath
        environment["CSW"] = CSWBinary.path
        environment["NO_COLOR"] = "1"
        let workers = try (1...8).map { worker in
            try RunningProcess("/bin/sh", ["-c", script, "worker", String(worker)], environment: environment)
        }
        let results = workers.map { $0.wait(timeout: 240) }

        for (index, result) in results.enumerated() {
            #expect(result.status == 0, "worker \(index + 1) ended with \(result.status)")
            #expect(!result.signaled, "worker \(index + 1) was killed after the time limit")
            #expect(result.stderr.isEmpty, "worker \(index + 1): \(result.stderr)")
        }
        #expect(try sandbox.subscriptionCount() == 800)
        #expect(try sandbox.sqlite("SELECT count(DISTINCT url) FROM subscriptions") == "800\n")
        #expect(try sandbox.sqlite("SELECT count(*) FROM subscription_events") == "4000\n")
        #expect(try sandbox.sqlite("PRAGMA integrity_check") == "ok\n")
    }
}
