import Foundation
import Testing

/// Checks that an error message starts with the error and that its only
/// control characters are line feeds, so a rejected value cannot rewrite
/// the terminal. Usage errors add lines that point to the help.
private func expectEscapedError(_ stderr: String, _ name: String, input: [String]) {
    #expect(stderr.hasPrefix("error: "), "\(name): \(stderr)")
    let controls = stderr.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }
    #expect(controls.isEmpty, "\(name) printed a raw control character: \(stderr.debugDescription)")

    // C1 controls such as U+009B (CSI) start escape sequences in terminals
    // that decode them from UTF-8, as xterm does.
    let c1Controls = stderr.unicodeScalars.filter { (0x80...0x9F).contains($0.value) }
    #expect(c1Controls.isEmpty, "\(name) printed a raw C1 control character: \(stderr.debugDescription)")
}

/// Command lines with a control character in a URL or header. The cases
/// that other suites already cover (LF and U+0001 in a subscribe URL, CR LF
/// and DEL in a subscribe header, CR LF in an update header) are not repeated.
private let controlCharacterInputs: [BadInput] = [
    BadInput(name: "subscribe URL with CR", arguments: ["subscribe", "--url", "https://hooks.example.test/in\rX-Injected: 1", "-e", "users"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "subscribe URL with tab", arguments: ["subscribe", "--url", "https://hooks.example.test/in\tx", "-e", "users"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "subscribe URL with ESC", arguments: ["subscribe", "--url", "https://hooks.example.test/\u{1B}[2J", "-e", "users"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "subscribe URL with DEL", arguments: ["subscribe", "--url", "https://hooks.example.test/in\u{7F}", "-e", "users"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "subscribe URL with C1 NEL", arguments: ["subscribe", "--url", "https://hooks.example.test/in\u{85}x", "-e", "users"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "subscribe URL with C1 CSI", arguments: ["subscribe", "--url", "https://hooks.example.test/\u{9B}2J", "-e", "users"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "subscribe URL with CR in the host", arguments: ["subscribe", "--url", "https://hooks.example.test\r/in", "-e", "users"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "subscribe header value with ESC", arguments: ["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "-H", "X-Dept: \u{1B}[31m"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "subscribe header value with bare CR", arguments: ["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "-H", "X-Dept: a\rX-Injected: 1"],
        status: 2, message: "it contains a line break"),
    BadInput(name: "subscribe header name with tab", arguments: ["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "-H", "X\tDept: a"],
        status: 2, message: "invalid header name"),
    BadInput(name: "update URL with LF", arguments: ["update", "{id}", "--url", "https://hooks.example.test/in\nHost: elsewhere"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "update URL with CR LF", arguments: ["update", "{id}", "--url", "https://hooks.example.test/in\r\nX-Injected: 1"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "update URL with tab", arguments: ["update", "{id}", "--url", "https://hooks.example.test/in\tx"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "update URL with ESC", arguments: ["update", "{id}", "--url", "https://hooks.example.test/\u{1B}[2J"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "update header value with LF", arguments: ["update", "{id}", "--header", "X-Dept: a\nX-Injected: 1"],
        status: 2, message: "it contains a line break"),
    BadInput(name: "update header value with U+0001", arguments: ["update", "{id}", "--header", "X-Dept: a\u{01}"],
        status: 2, message: "it contains a control character"),
    BadInput(name: "update header name with CR", arguments: ["update", "{id}", "--header", "X-Dept\r: a"],
        status: 2, message: "invalid header name"),
    BadInput(name: "update description with ESC", arguments: ["update", "{id}", "--description", "\u{1B}]0;title\u{07}"],
        status: 2, message: "it contains a control character"),
]

/// One field of an import entry set to a value with a control character.
struct ImportedControlCharacter: Sendable, CustomTestStringConvertible {
    let name: String
    let field: String
    /// The field's JSON value, built with JSONSerialization so control
    /// characters are written as \u escapes.
    let value: ImportedValue
    let message: String

    var testDescription: String { name }
}

/// A string, or a list of one header with this name and value.
enum ImportedValue: Sendable {
    case text(String)
    case header(name: String, value: String)

    /// The strings in the value.
    var texts: [String] {
        switch self {
        case .text(let text): return [text]
        case .header(let name, let value): return [name, value]
        }
    }

    var json: Any {
        switch self {
        case .text(let text): return text
        case .header(let name, let value): return [["name": name, "value": value]]
        }
    }
}

@Suite("Control characters in URLs, headers and text")
struct SecurityControlCharacterTests {
    @Test("command line value is rejected", arguments: controlCharacterInputs)
    func commandLine(_ input: BadInput) throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/existing")
        let before = try sandbox.snapshot()
        let result = try sandbox.csw(input.arguments(id: id))
        #expect(result.status == input.status, "stderr: \(result.stderr)")
        #expect(result.stderr.contains(input.message), "stderr: \(result.stderr)")
        expectEscapedError(result.stderr, input.name, input: input.arguments)
        #expect(try sandbox.snapshot() == before)
    }

    @Test("import entry is rejected and nothing is imported", arguments: [
        ImportedControlCharacter(name: "URL with LF", field: "url", value: .text("https://hooks.example.test/in\nHost: elsewhere"), message: "it contains a control character"),
        ImportedControlCharacter(name: "URL with CR", field: "url", value: .text("https://hooks.example.test/in\rX-Injected: 1"), message: "it contains a control character"),
        ImportedControlCharacter(name: "URL with NUL", field: "url", value: .text("https://hooks.example.test/in\u{0}.evil"), message: "it contains a control character"),
        ImportedControlCharacter(name: "URL with ESC", field: "url", value: .text("https://hooks.example.test/\u{1B}[2J"), message: "it contains a control character"),
        ImportedControlCharacter(name: "URL with DEL", field: "url", value: .text("https://hooks.example.test/in\u{7F}"), message: "it contains a control character"),
        ImportedControlCharacter(name: "URL with C1 NEL", field: "url", value: .text("https://hooks.example.test/in\u{85}"), message: "it contains a control character"),
        ImportedControlCharacter(name: "URL with C1 CSI", field: "url", value: .text("https://hooks.example.test/\u{9B}2J"), message: "it contains a control character"),
        ImportedControlCharacter(name: "header value with NUL", field: "headers", value: .header(name: "X-Dept", value: "a\u{0}b"), message: "it contains a control character"),
        ImportedControlCharacter(name: "header value with ESC", field: "headers", value: .header(name: "X-Dept", value: "\u{1B}[31m"), message: "it contains a control character"),
        ImportedControlCharacter(name: "header value with bare CR", field: "headers", value: .header(name: "X-Dept", value: "a\rX-Injected: 1"), message: "it contains a line break"),
        ImportedControlCharacter(name: "header value with DEL", field: "headers", value: .header(name: "X-Dept", value: "a\u{7F}"), message: "it contains a control character"),
        ImportedControlCharacter(name: "header name with NUL", field: "headers", value: .header(name: "X-Dept\u{0}", value: "a"), message: "invalid header name"),
        ImportedControlCharacter(name: "description with LF", field: "description", value: .text("first\nsecond"), message: "\"description\": invalid text"),
        ImportedControlCharacter(name: "description with ESC", field: "description", value: .text("\u{1B}[2J\u{1B}[H"), message: "it contains a control character"),
        ImportedControlCharacter(name: "disabled reason with CR", field: "disabled_reason", value: .text("by hand\rid: forged"), message: "\"disabled_reason\": invalid text"),
    ])
    func importEntry(_ input: ImportedControlCharacter) throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/kept")
        let before = try sandbox.snapshot()
        var entry: [String: Any] = [
            "id": "sub_controlchar01", "url": "https://hooks.example.test/in", "events": ["users"],
            "secret": randomSecretText(), "enabled": false, "disabled_reason": "paused",
        ]
        entry[input.field] = input.value.json
        let file = try sandbox.writeJSON("import.json", ["format": "csw-export", "version": 1, "subscriptions": [entry]])
        let result = try sandbox.csw(["import", file])
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains(input.message), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("nothing was imported"))
        #expect(lines(result.stderr).count == 1, "stderr: \(result.stderr)")
        expectEscapedError(result.stderr, input.name, input: input.value.texts)
        #expect(try sandbox.snapshot() == before)
    }

    @Test("import accepts a tab in text fields")
    func importTab() throws {
        let sandbox = try Sandbox()
        let entry: [String: Any] = [
            "id": "sub_tabbedtext01", "url": "https://hooks.example.test/in", "events": ["users"],
            "secret": randomSecretText(), "description": "a\tb", "enabled": false, "disabled_reason": "paused\tfor now",
        ]
        let file = try sandbox.writeJSON("import.json", ["format": "csw-export", "version": 1, "subscriptions": [entry]])
        let result = try sandbox.csw(["import", file])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try sandbox.subscription("sub_tabbedtext01")
        #expect(object["description"] as? String == "a\tb")
        #expect(object["disabled_reason"] as? String == "paused\tfor now")
    }
}

@Suite("Plain http warning")
struct SecurityPlainHTTPTests {
    private let warning = "is plain http, so the payload and its signature travel unencrypted; use https"

    @Test("subscribe warns about http only", arguments: [
        ("http://hooks.example.test/in", true), ("HTTP://hooks.example.test/in", true), ("https://hooks.example.test/in", false),
    ])
    func subscribe(_ url: String, _ warns: Bool) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["subscribe", "--url", url, "-e", "users", "--quiet"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("sub_"))
        #expect(!result.stdout.contains("warning"))
        if warns {
            #expect(result.stderr == "warning: \(url) \(warning) where the receiver supports it\n", "stderr: \(result.stderr)")
        } else {
            #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")
        }
    }

    @Test("update warns when the URL becomes http")
    func update() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in")
        let toHTTP = try sandbox.csw(["update", id, "--url", "http://hooks.example.test/plain"])
        #expect(toHTTP.status == 0)
        #expect(toHTTP.stderr.contains("warning: http://hooks.example.test/plain \(warning)"), "stderr: \(toHTTP.stderr)")
        let toHTTPS = try sandbox.csw(["update", id, "--url", "https://hooks.example.test/secure"])
        #expect(toHTTPS.status == 0)
        #expect(toHTTPS.stderr.isEmpty, "stderr: \(toHTTPS.stderr)")
    }
}
