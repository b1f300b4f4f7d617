import Testing

@testable import CSWCore

/// A text that a check must reject, and a fragment of its message.
struct RejectedText: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let message: String
    var testDescription: String { name }
}

@Suite("webhook URLs")
struct WebhookURLTests {
    @Test("parts of a full URL")
    func parts() throws {
        let url = try WebhookURL("HTTPS://ops:Tr0ub4dor@Hooks.Example.test:8443/in/x?token=demo123&b=2")
        #expect(url.scheme == "https")
        #expect(url.host == "Hooks.Example.test")
        #expect(url.port == 8443)
        #expect(url.userInfo == "ops:Tr0ub4dor")
        #expect(url.pathAndQuery == "/in/x?token=demo123&b=2")
        #expect(url.text == "HTTPS://ops:Tr0ub4dor@Hooks.Example.test:8443/in/x?token=demo123&b=2")
        #expect(url.hasCredentials)
    }

    @Test("accepted forms", arguments: [
        ("https://hooks.example.test", "hooks.example.test", nil as Int?, ""),
        ("http://hooks.example.test/", "hooks.example.test", nil, "/"),
        ("https://hooks.example.test?x=1", "hooks.example.test", nil, "?x=1"),
        ("https://[2001:db8::1]:8443/in", "2001:db8::1", 8443, "/in"),
        ("https://[::1]/in", "::1", nil, "/in"),
        ("https://192.0.2.10:1/in", "192.0.2.10", 1, "/in"),
        ("https://h.example:65535/%20", "h.example", 65535, "/%20"),
        ("https://bücher.example./in", "bücher.example.", nil, "/in"),
        ("http://2130706433/", "2130706433", nil, "/"),
        ("https://under_score.example/in", "under_score.example", nil, "/in"),
    ])
    func accepted(text: String, host: String, port: Int?, pathAndQuery: String) throws {
        let url = try WebhookURL(text)
        #expect(url.host == host)
        #expect(url.port == port)
        #expect(url.pathAndQuery == pathAndQuery)
        #expect(url.userInfo == nil)
        #expect(!url.hasCredentials)
    }

    @Test("rejected forms", arguments: [
        RejectedText(name: "ftp scheme", text: "ftp://h.example/x", message: "the scheme must be http or https, not 'ftp'"),
        RejectedText(name: "file scheme", text: "file:///etc/passwd", message: "the scheme must be http or https"),
        RejectedText(name: "no scheme", text: "h.example/x", message: "it must be absolute"),
        RejectedText(name: "scheme without slashes", text: "https:h.example", message: "it must be absolute"),
        RejectedText(name: "empty", text: "", message: "it must be absolute"),
        RejectedText(name: "no host", text: "https:///x", message: "it has no host"),
        RejectedText(name: "only credentials", text: "https://user@/x", message: "it has no host"),
        RejectedText(name: "space", text: "https://h.example/a b", message: "it contains a space"),
        RejectedText(name: "tab", text: "https://h.example/a\tb", message: "it contains a control character"),
        RejectedText(name: "CR", text: "https://h.example/a\rb", message: "it contains a control character"),
        RejectedText(name: "DEL", text: "https://h.example/a\u{7F}", message: "it contains a control character"),
        RejectedText(name: "C1 control", text: "https://h.example/a\u{85}", message: "it contains a control character"),
        RejectedText(name: "fragment", text: "https://h.example/a#b", message: "it has a fragment"),
        RejectedText(name: "empty fragment", text: "https://h.example/a#", message: "it has a fragment"),
        RejectedText(name: "port zero", text: "https://h.example:0/", message: "the port '0' must be a number from 1 to 65535"),
        RejectedText(name: "label with leading hyphen", text: "https://-bad-.example/x", message: "starts or ends with a hyphen"),
        RejectedText(name: "empty label", text: "https://a..example/x", message: "has an empty label"),
        RejectedText(name: "host with a comma", text: "https://a,b.example/x", message: "no host name has"),
        RejectedText(name: "five numbers", text: "https://1.2.3.4.5/x", message: "neither an IPv4 address nor a host name"),
        RejectedText(name: "port too big", text: "https://h.example:65536/", message: "must be a number from 1 to 65535"),
        RejectedText(name: "port not a number", text: "https://h.example:https/", message: "the port 'https'"),
        RejectedText(name: "empty port", text: "https://h.example:/", message: "the port ''"),
        RejectedText(name: "unclosed IPv6", text: "https://[::1/x", message: "no closing ']'"),
        RejectedText(name: "text after IPv6", text: "https://[::1]x/", message: "unexpected text after the IPv6 address"),
    ])
    func rejected(_ input: RejectedText) {
        #expect {
            try WebhookURL(input.text)
        } throws: { error in
            guard let invalid = error as? InvalidValue else { return false }
            return invalid.message.contains(input.message) && !invalid.message.contains("\r") && !invalid.message.contains("\t")
        }
    }

    @Test("rejection messages mask credentials")
    func rejectionMasks() {
        #expect {
            try WebhookURL("https://ops:Tr0ub4dor@h.example/in?token=demo123#x")
        } throws: { error in
            let message = (error as? InvalidValue)?.message ?? ""
            return !message.contains("Tr0ub4dor") && !message.contains("demo123") && message.contains("https://ops:***@h.example/in?token=***")
        }
    }

    @Test("masking hides passwords, secret parameters and token segments", arguments: [
        ("https://ops:Tr0ub4dor@h.example/in?token=demo123", "https://ops:***@h.example/in?token=***"),
        ("https://justuser@h.example/in", "https://***@h.example/in"),
        ("https://a:b:c@h.example/", "https://a:***@h.example/"),
        ("https://a:p@ss@h.example/", "https://a:***@h.example/"),
        ("https://h.example/in?Api_Key=1&name=x&sig=2", "https://h.example/in?Api_Key=***&name=x&sig=***"),
        ("https://h.example/in?password=&flag", "https://h.example/in?password=***&flag"),
        ("https://h.example/services/T000AAAA/B000BBBB/abcdefghij0123456789", "https://h.example/services/T000AAAA/B000BBBB/***"),
        ("https://h.example/averyveryverylongpathname", "https://h.example/averyveryverylongpathname"),
        ("https://h.example/in", "https://h.example/in"),
        ("not a url", "not a url"),
    ])
    func masking(text: String, masked: String) {
        #expect(WebhookURL.maskedText(text) == masked)
    }

    @Test("printable escapes control characters")
    func printable() {
        #expect(WebhookURL.printable("a\nb\rc\td\u{1B}e\u{7F}") == "a\\nb\\rc\\td\\u{1b}e\\u{7f}")
        #expect(WebhookURL.printable("plain ✓") == "plain ✓")
    }
}

@Suite("header fields")
struct HeaderFieldTests {
    @Test("parses name and value and trims the value")
    func parses() throws {
        let header = try HeaderField(parsing: "X-Team:   planning dept \t")
        #expect(header.name == "X-Team")
        #expect(header.value == "planning dept")
        #expect(header.line == "X-Team: planning dept")
        let colons = try HeaderField(parsing: "X-Time: 12:30:00")
        #expect(colons.value == "12:30:00")
        let empty = try HeaderField(parsing: "X-Empty:")
        #expect(empty.value == "")
        let symbols = try HeaderField(name: "!#$%&'*+-.^_`|~09azAZ", value: "v")
        #expect(symbols.name == "!#$%&'*+-.^_`|~09azAZ")
    }

    @Test("rejects unsafe headers", arguments: [
        RejectedText(name: "CR LF in value", text: "X-Dept: planning\r\nX-Injected: 1", message: "it contains a line break (\\r)"),
        RejectedText(name: "LF in value", text: "X-Dept: planning\nX-Injected: 1", message: "it contains a line break (\\n)"),
        RejectedText(name: "NUL in value", text: "X-Dept: a\u{00}b", message: "it contains a control character"),
        RejectedText(name: "escape in value", text: "X-Dept: \u{1B}[31m", message: "it contains a control character"),
        RejectedText(name: "DEL in value", text: "X-Dept: a\u{7F}", message: "it contains a control character"),
        RejectedText(name: "space in name", text: "X Dept: a", message: "invalid header name 'X Dept'"),
        RejectedText(name: "space before colon", text: "X-Dept : a", message: "invalid header name"),
        RejectedText(name: "LF in name", text: "X\nDept: a", message: "invalid header name 'X\\nDept'"),
        RejectedText(name: "non-ASCII name", text: "X-Départ: a", message: "invalid header name"),
        RejectedText(name: "parenthesis in name", text: "X(1): a", message: "invalid header name"),
        RejectedText(name: "empty name", text: ": a", message: "the name is empty"),
        RejectedText(name: "no colon", text: "X-Dept a", message: "write it as 'Name: value'"),
        RejectedText(name: "Content-Type", text: "Content-Type: text/plain", message: "header 'Content-Type' is set by csw itself"),
        RejectedText(name: "webhook-signature", text: "webhook-signature: v1,x", message: "is set by csw itself"),
        RejectedText(name: "upper case reserved", text: "WEBHOOK-TIMESTAMP: 1", message: "is set by csw itself"),
        RejectedText(name: "mixed case reserved", text: "Content-LENGTH: 1", message: "is set by csw itself"),
    ])
    func rejects(_ input: RejectedText) {
        #expect {
            try HeaderField(parsing: input.text)
        } throws: { error in
            guard let invalid = error as? InvalidValue else { return false }
            return invalid.message.contains(input.message) && !invalid.message.contains("\n") && !invalid.message.contains("\r")
        }
    }

    @Test("every reserved name is rejected in any case", arguments: Array(HeaderField.reservedNames))
    func reserved(name: String) {
        let titleCase = name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
        for spelling in [name, name.uppercased(), titleCase] {
            #expect(throws: InvalidValue.self) { try HeaderField(name: spelling, value: "x") }
        }
    }
}

@Suite("department ids")
struct DepartmentTests {
    @Test("accepts ordinary ids", arguments: ["planning", "Parks & Gardens", "dept-42", "Économie", String(repeating: "a", count: 200)])
    func accepts(text: String) throws {
        try Department.validate(text)
    }

    @Test("rejects bad ids", arguments: [
        RejectedText(name: "empty", text: "", message: "the department is empty"),
        RejectedText(name: "line feed", text: "plan\nning", message: "invalid department 'plan\\nning': it contains a control character"),
        RejectedText(name: "tab", text: "plan\tning", message: "it contains a control character"),
        RejectedText(name: "DEL", text: "plan\u{7F}", message: "it contains a control character"),
        RejectedText(name: "leading space", text: " planning", message: "starts or ends with a space"),
        RejectedText(name: "trailing space", text: "planning ", message: "starts or ends with a space"),
        RejectedText(name: "only spaces", text: "   ", message: "starts or ends with a space"),
        RejectedText(name: "too long", text: String(repeating: "a", count: 201), message: "longer than 200 characters"),
        RejectedText(name: "star", text: "*", message: "'*' is not a department id"),
        RejectedText(name: "comma", text: "planning,housing", message: "it contains a comma"),
        RejectedText(name: "C1 control", text: "plan\u{9B}", message: "it contains a control character"),
    ])
    func rejects(_ input: RejectedText) {
        #expect {
            try Department.validate(input.text)
        } throws: { error in
            (error as? InvalidValue)?.message.contains(input.message) == true
        }
    }
}

@Suite("duration text")
struct DurationTextTests {
    @Test("parses durations to milliseconds", arguments: [
        ("0", Int64(0)), ("10", 10_000), ("500ms", 500), ("10s", 10_000), ("2m", 120_000), ("1h30m", 5_400_000),
        ("2d", 172_800_000), ("1d2h3m4s5ms", 93_784_005), ("0s", 0), ("90m", 5_400_000),
    ])
    func parses(text: String, milliseconds: Int64) throws {
        #expect(try DurationText.milliseconds(text) == milliseconds)
    }

    @Test("rejects malformed durations", arguments: [
        "", "-5", "5x", "s", "1.5s", "1h 30m", "10 s", "m5", "1hh", "５s", "99999999999999999999", "9999999999d",
    ])
    func rejects(text: String) {
        #expect {
            try DurationText.milliseconds(text)
        } throws: { error in
            (error as? InvalidValue)?.message.contains("write it like 500ms, 10s, 2m, 1h30m or 2d") == true
        }
    }

    @Test("formats milliseconds the short way", arguments: [
        (Int64(0), "0ms"), (850, "850ms"), (1_000, "1s"), (59_999, "59s"), (60_000, "1m"), (5_400_000, "1h30m"),
        (90_061_000, "1d1h1m1s"), (86_400_000, "1d"),
    ])
    func formats(milliseconds: Int64, text: String) {
        #expect(DurationText.format(milliseconds: milliseconds) == text)
    }
}

@Suite("event selectors")
struct EventSelectorTests {
    @Test("star, groups and names resolve in catalogue order")
    func resolves() throws {
        #expect(try EventSelector.resolve("*") == EventType.allCases)
        #expect(try EventSelector.resolve("responses").count == 5)
        #expect(try EventSelector.resolve("activities").count == 4)
        #expect(try EventSelector.resolve("users").count == 5)
        #expect(try EventSelector.resolve("user_deleted") == [.userDeleted])
        #expect(try EventSelector.resolve(["user_deleted", "response_created", "users", "user_deleted"])
            == [.responseCreated, .userCreated, .userSuspended, .userReinstated, .userProfileEdited, .userDeleted])
        #expect(try EventSelector.resolve([String]()) == [])
        #expect(EventType.allCases.count == 14)
        #expect(EventSelector.allWords.count == 18)
    }

    @Test("unknown names suggest the closest", arguments: [
        ("response_submited", "did you mean 'response_submitted'"),
        ("USERS", "did you mean 'users'"),
        ("user-deleted", "did you mean 'user_deleted'"),
        ("zzzzzzzzzz", "run 'csw events' to list them"),
        ("", "unknown event ''"),
        ("Response_Submitted", "response_submitted"),
    ])
    func unknown(word: String, fragment: String) {
        #expect {
            try EventSelector.resolve(word)
        } throws: { error in
            guard let message = (error as? InvalidValue)?.message else { return false }
            return message.contains(fragment)
        }
    }

    @Test("unknown names are shown with control characters escaped")
    func unknownEscaped() {
        #expect {
            try EventSelector.resolve("users\u{07}\n")
        } throws: { error in
            guard let message = (error as? InvalidValue)?.message else { return false }
            return !message.contains("\u{07}") && !message.contains("\n")
        }
    }

    @Test("single accepts one event only")
    func single() throws {
        #expect(try EventSelector.single("activity_published") == .activityPublished)
        for word in ["activities", "*"] {
            #expect {
                try EventSelector.single(word)
            } throws: { error in
                (error as? InvalidValue)?.message.contains("names several events") == true
            }
        }
        #expect(throws: InvalidValue.self) { try EventSelector.single("nothing") }
    }
}

@Suite("suggestions")
struct SuggestionTests {
    @Test("edit distance counts swaps as one", arguments: [
        ("", "", 0), ("abc", "", 3), ("", "ab", 2), ("list", "list", 0), ("lsit", "list", 1), ("lst", "list", 1),
        ("kitten", "sitting", 3), ("export", "import", 2),
    ])
    func editDistance(first: String, second: String, distance: Int) {
        #expect(Suggestions.editDistance(first, second) == distance)
        #expect(Suggestions.editDistance(second, first) == distance)
    }

    @Test("closest candidates first, within the threshold")
    func closest() {
        let commands = ["subscribe", "list", "show", "update", "delete", "export", "import", "events"]
        #expect(Suggestions.closest(to: "lst", among: commands, limit: 1) == ["list"])
        #expect(Suggestions.closest(to: "shwo", among: commands) == ["show"])
        #expect(Suggestions.closest(to: "subscrib", among: commands) == ["subscribe"])
        #expect(Suggestions.closest(to: "xyzzy", among: commands).isEmpty)
        #expect(Suggestions.closest(to: "EXPORT", among: commands, limit: 1) == ["export"])
        #expect(Suggestions.closest(to: "port", among: commands) == ["export", "import"])
    }
}

@Suite("event catalogue order")
struct EventOrderTests {
    @Test("ordinal matches catalogue position")
    func ordinalMatchesPosition() {
        for (position, event) in EventType.allCases.enumerated() {
            #expect(event.ordinal == position, "\(event.rawValue)")
        }
    }
}

@Suite("URL comparison")
struct URLComparisonTests {
    @Test("spellings of one receiver compare equal", arguments: [
        ("HTTPS://Hooks.Example.test:443/in", "https://hooks.example.test/in"),
        ("http://h.example:80/a?b=1", "http://h.example/a?b=1"),
        ("https://[FD00::5]/x", "https://[fd00::5]/x"),
        ("https://up.example.org./x", "https://up.example.org/x"),
        ("https://up.example.org/%78", "https://up.example.org/x"),
        ("https://up.example.org/x?", "https://up.example.org/x"),
        ("https://up.example.org", "https://up.example.org/"),
    ])
    func equal(first: String, second: String) throws {
        #expect(try WebhookURL(first).comparisonKey == WebhookURL(second).comparisonKey)
    }

    @Test("different receivers compare different", arguments: [
        ("https://h.example/in", "http://h.example/in"),
        ("https://h.example:8443/in", "https://h.example/in"),
        ("https://h.example/In", "https://h.example/in"),
        ("https://h.example/%2F", "https://h.example//"),
    ])
    func different(first: String, second: String) throws {
        #expect(try WebhookURL(first).comparisonKey != WebhookURL(second).comparisonKey)
    }
}
