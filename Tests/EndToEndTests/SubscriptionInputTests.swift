import Foundation
import Testing

/// `csw subscribe` with a valid URL and event, to which a case adds one bad value.
private let subscribeBase = ["subscribe", "--url", "https://hooks.example.test/new", "--event", "users"]

/// Command lines that must be rejected before anything is written.
private let badSubscriptionInputs: [BadInput] = [
    // URLs
    BadInput(name: "ftp scheme", arguments: ["subscribe", "--url", "ftp://hooks.example.test/in", "-e", "users"], status: 2,
        message: "the scheme must be http or https, not 'ftp'"),
    BadInput(name: "relative URL", arguments: ["subscribe", "--url", "hooks.example.test/in", "-e", "users"], status: 2,
        message: "it must be absolute"),
    BadInput(name: "URL without host", arguments: ["subscribe", "--url", "https:///in", "-e", "users"], status: 2,
        message: "it has no host"),
    BadInput(name: "URL without host but a port", arguments: ["subscribe", "--url", "https://:8443/in", "-e", "users"], status: 2,
        message: "it has no host"),
    BadInput(name: "URL with a space", arguments: ["subscribe", "--url", "https://hooks.example.test/in put", "-e", "users"], status: 2,
        message: "it contains a space"),
    BadInput(name: "URL with a control character", arguments: ["subscribe", "--url", "https://hooks.example.test/in\u{01}", "-e", "users"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "URL with a line feed", arguments: ["subscribe", "--url", "https://hooks.example.test/in\nHost: evil", "-e", "users"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "URL with a fragment", arguments: ["subscribe", "--url", "https://hooks.example.test/in#part", "-e", "users"], status: 2,
        message: "it has a fragment"),
    BadInput(name: "URL with port zero", arguments: ["subscribe", "--url", "https://hooks.example.test:0/in", "-e", "users"], status: 2,
        message: "must be a number from 1 to 65535"),
    BadInput(name: "URL with a bad IPv6 literal", arguments: ["subscribe", "--url", "https://[2001:db8::1/in", "-e", "users"], status: 2,
        message: "no closing ']'"),
    BadInput(name: "loopback URL without private network", arguments: ["subscribe", "--url", "http://127.0.0.1:8080/in", "-e", "users"],
        status: 2, message: "loopback address"),
    BadInput(name: "localhost URL without private network", arguments: ["subscribe", "--url", "https://localhost/in", "-e", "users"],
        status: 2, message: "localhost is a loopback address"),
    BadInput(name: "documentation address", arguments: ["subscribe", "--url", "https://198.51.100.1/in", "-e", "users"], status: 2,
        message: "documentation address"),
    // Headers
    BadInput(name: "header with CR LF", arguments: subscribeBase + ["--header", "X-Dept: planning\r\nX-Injected: 1"], status: 2,
        message: "it contains a line break"),
    BadInput(name: "header with LF", arguments: subscribeBase + ["--header", "X-Dept: planning\nX-Injected: 1"], status: 2,
        message: "it contains a line break"),
    BadInput(name: "header with DEL", arguments: subscribeBase + ["--header", "X-Dept: a\u{7F}b"], status: 2,
        message: "it contains a control character"),
    BadInput(name: "reserved Content-Type", arguments: subscribeBase + ["--header", "Content-Type: text/plain"], status: 2,
        message: "header 'Content-Type' is set by csw itself"),
    BadInput(name: "reserved webhook-signature", arguments: subscribeBase + ["--header", "webhook-signature: v1,AAAA"], status: 2,
        message: "header 'webhook-signature' is set by csw itself"),
    BadInput(name: "reserved name in upper case", arguments: subscribeBase + ["--header", "WEBHOOK-ID: msg_1"], status: 2,
        message: "header 'WEBHOOK-ID' is set by csw itself"),
    BadInput(name: "reserved Host in mixed case", arguments: subscribeBase + ["--header", "hOsT: other.example"], status: 2,
        message: "is set by csw itself"),
    BadInput(name: "header name with a space", arguments: subscribeBase + ["--header", "X Dept: planning"], status: 2,
        message: "invalid header name 'X Dept'"),
    BadInput(name: "header name with a slash", arguments: subscribeBase + ["--header", "X/Dept: planning"], status: 2,
        message: "invalid header name"),
    BadInput(name: "header name not ASCII", arguments: subscribeBase + ["--header", "X-Départ: planning"], status: 2,
        message: "invalid header name"),
    BadInput(name: "header without colon", arguments: subscribeBase + ["--header", "X-Dept planning"], status: 2,
        message: "write it as 'Name: value'"),
    BadInput(name: "header with empty name", arguments: subscribeBase + ["--header", ": planning"], status: 2,
        message: "the name is empty"),
    BadInput(name: "same header twice", arguments: subscribeBase + ["-H", "X-Dept: a", "-H", "x-dept: b"], status: 2,
        message: "is given twice"),
    // Events and departments
    BadInput(name: "unknown event with suggestion", arguments: ["subscribe", "--url", "https://hooks.example.test/new", "-e", "response_submited"],
        status: 2, message: "unknown event 'response_submited': did you mean 'response_submitted'"),
    BadInput(name: "unknown event without suggestion", arguments: ["subscribe", "--url", "https://hooks.example.test/new", "-e", "qqqqqqqq"],
        status: 2, message: "run 'csw events' to list them"),
    BadInput(name: "empty department", arguments: subscribeBase + ["--department", ""], status: 2, message: "the department is empty"),
    BadInput(name: "department with a line feed", arguments: subscribeBase + ["--department", "plan\nning"], status: 2,
        message: "it contains a control character"),
    BadInput(name: "department with a leading space", arguments: subscribeBase + ["--department", " planning"], status: 2,
        message: "starts or ends with a space"),
    BadInput(name: "description with a line feed", arguments: subscribeBase + ["--description", "two\nlines"], status: 2,
        message: "it contains a control character"),
    // Scope and secrets
    BadInput(name: "duplicate URL and scope", arguments: ["subscribe", "--url", "https://hooks.example.test/first", "-e", "users"], status: 1,
        message: "already sends these events for these departments"),
    BadInput(name: "missing secret file", arguments: subscribeBase + ["--secret-file", "/nonexistent/secret"], status: 1,
        message: "cannot read the secret file /nonexistent/secret"),
    BadInput(name: "unreadable CA file", arguments: subscribeBase + ["--ca-file", "/nonexistent/ca.pem"], status: 2,
        message: "--ca-file /nonexistent/ca.pem"),
    // Updates
    BadInput(name: "update to ftp URL", arguments: ["update", "{id}", "--url", "ftp://hooks.example.test/in"], status: 2,
        message: "the scheme must be http or https"),
    BadInput(name: "update to URL with fragment", arguments: ["update", "{id}", "--url", "https://hooks.example.test/in#x"], status: 2,
        message: "it has a fragment"),
    BadInput(name: "update with CR LF header", arguments: ["update", "{id}", "--header", "X-Dept: planning\r\nX-Injected: 1"], status: 2,
        message: "it contains a line break"),
    BadInput(name: "update with reserved header", arguments: ["update", "{id}", "--header", "Content-type: x"], status: 2,
        message: "is set by csw itself"),
    BadInput(name: "update with unknown event", arguments: ["update", "{id}", "--add-event", "user_delete"], status: 2,
        message: "did you mean 'user_deleted'"),
    BadInput(name: "update with empty department", arguments: ["update", "{id}", "--add-department", ""], status: 2,
        message: "the department is empty"),
    BadInput(name: "update into another's scope", arguments: ["update", "{id}", "--url", "https://hooks.example.test/second"], status: 1,
        message: "already has this URL"),
    BadInput(name: "update of unknown id", arguments: ["update", "sub_zzzzzzzzzzzz", "--description", "x"], status: 1,
        message: "no subscription with id 'sub_zzzzzzzzzzzz'"),
    BadInput(name: "update of ambiguous id", arguments: ["update", "sub_", "--description", "x"], status: 1,
        message: "is ambiguous"),
    BadInput(name: "update denying private network for loopback", arguments: ["update", "{loopback}", "--deny-private-network"], status: 2,
        message: "loopback address"),
    BadInput(name: "enable of unknown id", arguments: ["enable", "sub_zzzzzzzzzzzz"], status: 1,
        message: "no subscription with id"),
    BadInput(name: "disable of ambiguous id", arguments: ["disable", "sub_"], status: 1, message: "is ambiguous"),
    BadInput(name: "delete of unknown id", arguments: ["delete", "--yes", "sub_zzzzzzzzzzzz"], status: 1, message: "no subscription with id"),
    BadInput(name: "id with a space", arguments: ["show", "sub_ x"], status: 2, message: "ids hold no spaces"),
]

@Suite("rejected subscription input")
struct SubscriptionInputTests {
    @Test("bad input is rejected and the store is unchanged", arguments: badSubscriptionInputs)
    func rejects(_ input: BadInput) throws {
        let sandbox = try Sandbox()
        let first = try sandbox.addSubscription("https://hooks.example.test/first", ["-e", "users", "-H", "X-Team: a"])
        _ = try sandbox.addSubscription("https://hooks.example.test/second", ["-e", "users"])
        let loopback = try sandbox.addSubscription("http://127.0.0.1:9/in", ["-e", "users", "--allow-private-network"])
        let before = try sandbox.snapshot()
        let exportBefore = try sandbox.exportWithoutTimestamp()

        let arguments = input.arguments(id: first).map { $0 == "{loopback}" ? loopback : $0 }
        let result = try sandbox.csw(arguments)

        #expect(result.status == input.status)
        #expect(result.stderr.contains(input.message), "stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try sandbox.snapshot() == before)
        #expect(try sandbox.exportWithoutTimestamp() == exportBefore)
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath + "-wal"))
    }

    @Test("error lines keep control characters escaped")
    func controlCharactersEscaped() throws {
        let result = try Sandbox().csw(["subscribe", "--url", "https://hooks.example.test/a\u{1b}[31m", "-e", "users"])
        #expect(result.status == 2)
        #expect(!result.stderr.contains("\u{1b}"))
        #expect(result.stderr.contains("\\u{1b}"))
    }

    @Test("reserved header names are rejected in any case", arguments: [
        "Content-Type", "content-length", "HOST", "Transfer-Encoding", "connection", "Expect", "user-agent",
        "Webhook-Id", "WEBHOOK-TIMESTAMP", "webhook-signature",
    ])
    func reservedNames(name: String) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(subscribeBase + ["--header", "\(name): x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("header '\(name)' is set by csw itself"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
    }
}
