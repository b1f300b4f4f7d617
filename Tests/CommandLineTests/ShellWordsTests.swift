import CSWCommandLine
import Testing

@Suite("Shell word splitting")
struct ShellWordsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let line: String
        let words: [String]
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "plain words", line: "list --event users", words: ["list", "--event", "users"]),
        Case(name: "runs of blanks", line: "  list \t  --json  ", words: ["list", "--json"]),
        Case(name: "empty line", line: "   ", words: []),
        Case(name: "single quotes", line: "list -d 'Customer Support'", words: ["list", "-d", "Customer Support"]),
        Case(name: "single quotes keep backslash", line: #"x 'a\b'"#, words: ["x", #"a\b"#]),
        Case(name: "double quotes", line: #"x "R&D's Lab""#, words: ["x", "R&D's Lab"]),
        Case(name: "escaped quote in double quotes", line: #"x "a\"b""#, words: ["x", #"a"b"#]),
        Case(name: "escaped backslash in double quotes", line: #"x "a\\b""#, words: ["x", #"a\b"#]),
        Case(name: "other backslash in double quotes kept", line: #"x "a\nb""#, words: ["x", #"a\nb"#]),
        Case(name: "backslash outside quotes", line: #"x Customer\ Support R\&D\'s"#, words: ["x", "Customer Support", "R&D's"]),
        Case(name: "quote joined to text", line: #"x --url='https://a b'/c"#, words: ["x", "--url=https://a b/c"]),
        Case(name: "empty quotes are a word", line: "x '' \"\"", words: ["x", "", ""]),
        Case(name: "no expansion", line: "x $HOME * ~ `id`", words: ["x", "$HOME", "*", "~", "`id`"]),
        Case(name: "single quote escaped around", line: #"x 'It'\''s'"#, words: ["x", "It's"]),
    ])
    func splits(_ testCase: Case) throws {
        #expect(try ShellWords.split(testCase.line) == testCase.words)
    }

    @Test(arguments: [
        ("x 'open", "unterminated single quote"),
        ("x \"open", "unterminated double quote"),
        ("x \"a\\\"", "unterminated double quote"),
        ("x end\\", "ends with a backslash"),
    ])
    func rejectsUnfinishedLine(_ line: String, _ reason: String) {
        #expect {
            try ShellWords.split(line)
        } throws: { error in
            (error as? UnterminatedQuote)?.message.contains(reason) == true
        }
    }

    @Test
    func partialLeavesLastWordOpen() {
        let partial = ShellWords.partial("list --department 'Cus")
        #expect(partial.words == ["list", "--department"])
        #expect(partial.current == "Cus")
        #expect(partial.openQuote == .single)
        let afterBlank = ShellWords.partial("list ")
        #expect(afterBlank.words == ["list"])
        #expect(afterBlank.current == "")
        #expect(afterBlank.openQuote == .none)
    }

    @Test(arguments: ["Customer Support", "R&D's Lab", #"a"b\c$d`e"#, "*", "plain", "", "x\ty"])
    func quoteReadsBack(_ word: String) throws {
        #expect(try ShellWords.split("cmd " + ShellWords.quote(word)) == ["cmd", word])
    }

    @Test(arguments: [ShellWords.OpenQuote.none, .single, .double])
    func escapeInsideOpenQuoteReadsBack(_ quote: ShellWords.OpenQuote) throws {
        let opening = quote == .single ? "'" : (quote == .double ? "\"" : "")
        let value = #"R&D's "Lab" \ $x"#
        let line = "cmd " + opening + ShellWords.escape(value, in: quote) + opening
        #expect(try ShellWords.split(line) == ["cmd", value])
    }
}

@Suite("shell history leaves out credentials")
struct ShellHistoryCredentialTests {
    @Test("lines setting credential headers", arguments: [
        ("update sub_1 -H 'Authorization: Bearer x'", true),
        ("update sub_1 --header=X-Api-Key:abc", true),
        ("subscribe --url https://h.example/in -e users -HCookie:a=b", true),
        ("update sub_1 -H 'X-Team: planning'", false),
        ("list --event users", false),
    ])
    func detects(line: String, expected: Bool) {
        #expect(InteractiveShell.carriesCredential(line) == expected)
    }
}
