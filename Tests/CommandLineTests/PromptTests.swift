import CSWCommandLine
import CSWCommands
import CSWCore
import Foundation
import Testing

@Suite("Prompt text and Tab insertion")
struct PromptUnitTests {
    @Test(arguments: [
        ("subscribe", "url", "URL"),
        ("subscribe", "event", "Event (name, group or *)"),
        ("fire", "event", "Event"),
        ("verify", "id", "ID"),
        ("verify", "timestamp", "Timestamp"),
    ])
    func label(_ command: String, _ option: String, _ expected: String) throws {
        let spec = try #require(cswCommandTable.command(named: command)?.option(long: option))
        #expect(Prompter.label(for: spec) == expected)
    }

    @Test
    func singleCandidateGetsEscapedAndSpace() throws {
        let insertion = try #require(
            CompletionInsertion(partial: ShellWords.partial("list -d R"), candidates: ["R&D's Lab"]))
        #expect(insertion.text == #"\&D\'s\ Lab "#)
    }

    @Test
    func singleCandidateInOpenQuoteIsClosed() throws {
        let insertion = try #require(
            CompletionInsertion(partial: ShellWords.partial("list -d 'Cus"), candidates: ["Customer Support"]))
        #expect(insertion.text == "tomer Support' ")
    }

    @Test
    func severalCandidatesShareTheirPrefix() throws {
        let partial = ShellWords.partial("subscribe --event resp")
        let insertion = try #require(
            CompletionInsertion(partial: partial, candidates: ["response_created", "response_submitted", "responses"]))
        #expect(insertion.text == "onse")
        let none = try #require(CompletionInsertion(partial: ShellWords.partial("x response"), candidates: ["response_a", "response_b"]))
        #expect(none.text == "_")
        #expect(CompletionInsertion(partial: partial, candidates: []) == nil)
    }

    @Test
    func wholeLineValueIsNotQuoted() throws {
        let partial = ShellWords.Partial(words: [], current: "Customer S", openQuote: .none, pendingEscape: false)
        let insertion = CompletionInsertion(partial: partial, candidates: ["Customer Support"], splitsWords: false)
        #expect(insertion?.text == "upport")
    }

    @Test
    func columnsFitWidth() {
        let layout = CandidateColumns.layout(["alpha", "beta", "gamma", "delta", "epsilon"], width: 20)
        #expect(layout == "alpha    delta\nbeta     epsilon\ngamma\n")
    }
}

@Suite("Command line completer")
struct CommandCompleterTests {
    let completer = CommandCompleter(table: cswCommandTable) { kind, _ in
        switch kind {
        case .department: return ["Customer Support", "R&D's Lab"]
        case .subscriptionID: return ["sub_aaaa", "sub_abcd"]
        default: return []
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let words: [String]
        let current: String
        let expected: [String]
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "commands", words: [], current: "sub", expected: ["subscribe"]),
        Case(name: "subcommand", words: ["events"], current: "", expected: ["show"]),
        Case(name: "option", words: ["list"], current: "--ev", expected: ["--event"]),
        Case(name: "event value", words: ["subscribe", "--event"], current: "user_s", expected: ["user_suspended"]),
        Case(name: "value after equals", words: ["list"], current: "--format=j", expected: ["--format=json"]),
        Case(name: "short option value", words: ["fire", "-nd"], current: "R", expected: ["R&D's Lab"]),
        Case(name: "clustered short value", words: ["fire", "-ne"], current: "user_d", expected: ["user_deleted"]),
        Case(name: "department", words: ["list", "--department"], current: "Cus", expected: ["Customer Support"]),
        Case(name: "subscription argument", words: ["show"], current: "sub_ab", expected: ["sub_abcd"]),
        Case(name: "variadic argument", words: ["enable", "sub_aaaa"], current: "sub_", expected: ["sub_aaaa", "sub_abcd"]),
        Case(name: "after global option", words: ["--db", "x.db", "show"], current: "sub_a", expected: ["sub_aaaa", "sub_abcd"]),
        Case(name: "after double dash", words: ["show", "--"], current: "-", expected: []),
        Case(name: "hidden command", words: [], current: "__", expected: []),
        Case(name: "choice argument", words: ["config", "get"], current: "site", expected: ["site-url"]),
    ])
    func candidates(_ testCase: Case) {
        #expect(completer.candidates(words: testCase.words, current: testCase.current) == testCase.expected)
    }

    @Test
    func filesInFolder() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data().write(to: folder.appendingPathComponent("secret.txt"))
        try Data().write(to: folder.appendingPathComponent(".hidden"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let prefix = folder.path + "/"
        #expect(CommandCompleter.files(prefix: prefix) == [prefix + "secret.txt", prefix + "sub/"])
        #expect(CommandCompleter.files(prefix: prefix + ".") == [prefix + ".hidden"])
    }
}

/// Commands that can prompt, run without a terminal: they must fail at
/// once with a usage error that names what is missing.
@Suite("Prompting commands without a terminal", .serialized)
struct NonInteractivePromptTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        let names: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "subscribe without url", arguments: ["subscribe", "--event", "user_created"], names: "--url"),
        Case(name: "subscribe without event", arguments: ["subscribe", "--url", "https://hooks.example.org/x"], names: "--event"),
        Case(name: "fire without event", arguments: ["fire"], names: "--event"),
        Case(name: "verify without id", arguments: ["verify", "--secret-file", "/dev/null"], names: "--id"),
    ])
    func missingOptionFailsFast(_ testCase: Case) throws {
        let store = try StoreFixture()
        defer { store.remove() }
        let before = try store.snapshot()
        let started = Date()
        let result = try TestSupport.csw(testCase.arguments, home: store.home, timeout: 10)
        #expect(!result.timedOut, "\(result.transcript)")
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(result.status == 2, "\(result.transcript)")
        #expect(result.standardError.contains(testCase.names), "\(result.transcript)")
        let after = try store.snapshot()
        #expect(after == before, "the store changed")
    }

    @Test(arguments: ["delete", "disable"])
    func confirmationNeedsYes(_ command: String) throws {
        let store = try StoreFixture()
        defer { store.remove() }
        let before = try store.snapshot()
        let arguments = command == "delete" ? ["delete", store.subscriptionIDs[0]] : ["disable", "--event", "response_submitted"]
        let result = try TestSupport.csw(arguments, home: store.home, timeout: 10)
        #expect(!result.timedOut, "\(result.transcript)")
        #expect(result.status == 2, "\(result.transcript)")
        #expect(result.standardError.contains("--yes"), "\(result.transcript)")
        let after = try store.snapshot()
        #expect(after == before, "the store changed")
    }

    /// Piped data on standard input is never read as a prompted value.
    @Test
    func pipedInputIsNotAnAnswer() throws {
        let store = try StoreFixture()
        defer { store.remove() }
        let result = try TestSupport.run(
            TestSupport.cswBinary, ["subscribe", "--event", "users"],
            environment: TestSupport.environment(home: store.home), standardInput: nil,
            input: "https://hooks.example.org/piped\n", timeout: 10)
        #expect(result.status == 2, "\(result.transcript)")
        #expect(result.standardError.contains("--url"), "\(result.transcript)")
    }
}

/// Prompts on a real pseudo-terminal, driven with pexpect.
@Suite("Prompts at a terminal", .serialized)
struct TerminalPromptTests {
    /// A wrong URL is explained and asked again; Tab completes the event.
    @Test
    func subscribeAsksUntilValid() throws {
        let store = try StoreFixture()
        defer { store.remove() }
        let drive = #"""
            child = spawn(CSW, ["subscribe", "--allow-private-network", "--quiet"])
            expect(child, "URL: ", "URL prompt")
            child.sendline("ftp://hooks.example.org/x")
            expect(child, "error: [^\r\n]*ftp[^\r\n]*\r\n", "reason for the wrong URL")
            expect(child, "URL: ", "second URL prompt")
            child.sendline("http://127.0.0.1:9/prompted")
            expect(child, re.escape("Event (name, group or *): "), "event prompt")
            child.send("response_s\t")
            # libedit redraws the line and then writes what Tab inserted.
            expect(child, "ubmitted ", "completed event")
            child.send("user_del\t\r")
            match = expect(child, r"(sub_\w+)\r\n", "new id")
            print("ID", match.group(1))
            status = finish(child)
            if status != 0:
                fail("exit status %r" % status)
            """#
        let result = try TestSupport.pexpect(drive, home: store.home)
        #expect(result.status == 0, "\(result.transcript)")
        let id = try #require(result.standardOutput.split(separator: "\n").first { $0.hasPrefix("ID ") }).dropFirst(3)
        let shown = try TestSupport.csw(["show", String(id), "--json"], home: store.home)
        #expect(shown.standardOutput.contains("http://127.0.0.1:9/prompted"), "\(shown.transcript)")
        #expect(shown.standardOutput.contains("response_submitted"), "\(shown.transcript)")
        #expect(shown.standardOutput.contains("user_deleted"), "\(shown.transcript)")
    }

    /// Ctrl-C at the URL prompt under `sh`: exit 130, the store as it was,
    /// and the terminal settings as they were (echo and icanon on).
    @Test
    func interruptRestoresTerminal() throws {
        let store = try StoreFixture()
        defer { store.remove() }
        let before = try store.snapshot()
        let drive = #"""
            child = spawn("/bin/sh", [])
            child.sendline("PS1='$ '")
            child.sendline("stty -a > before.txt; echo RE''ADY")
            expect(child, "READY\r\n", "shell")
            child.sendline(CSW + " subscribe --event users; echo STATUS=$?")
            expect(child, "URL: ", "URL prompt")
            child.send("https://hooks.exa")
            time.sleep(0.3)
            child.sendintr()
            status = expect(child, r"STATUS=(\d+)", "exit status").group(1)
            child.sendline("stty -a > after.txt; echo DO''NE")
            expect(child, "DONE\r\n", "stty")
            child.sendline("exit")
            finish(child)
            before, after = open("before.txt").read(), open("after.txt").read()
            if status != "130":
                fail("exit status " + status)
            if before != after:
                fail("terminal settings changed:\n" + before + "\n" + after)
            for flag in ("echo", "icanon"):
                if not re.search(r"(^|\s)" + flag + r"(\s|$)", after):
                    fail(flag + " is off: " + after)
            """#
        let result = try TestSupport.pexpect(drive, home: store.home)
        #expect(result.status == 0, "\(result.transcript)")
        let after = try store.snapshot()
        #expect(after == before, "the store changed")
    }

    /// Ctrl-C works even when csw starts with SIGINT blocked, as children
    /// of some runners do.
    @Test
    func interruptWorksWithInheritedBlockedSignal() throws {
        let store = try StoreFixture()
        defer { store.remove() }
        let drive = #"""
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT])
            child = spawn(CSW, ["fire"])
            expect(child, "Event: ", "event prompt")
            child.send("user_")
            time.sleep(0.3)
            child.sendintr()
            status = finish(child)
            if status != 130:
                fail("exit status %r" % status)
            """#
        let result = try TestSupport.pexpect(drive, home: store.home)
        #expect(result.status == 0, "\(result.transcript)")
    }

    @Test
    func endOfInputCancels() throws {
        let store = try StoreFixture()
        defer { store.remove() }
        let drive = #"""
            child = spawn(CSW, ["fire"])
            expect(child, "Event: ", "event prompt")
            time.sleep(0.2)
            child.sendeof()
            status = finish(child)
            if status != 130:
                fail("exit status %r" % status)
            """#
        let result = try TestSupport.pexpect(drive, home: store.home)
        #expect(result.status == 0, "\(result.transcript)")
    }

    /// `--no-input` on a terminal fails at once instead of asking.
    @Test
    func noInputNeverPrompts() throws {
        let store = try StoreFixture()
        defer { store.remove() }
        let drive = #"""
            child = spawn(CSW, ["subscribe", "--no-input", "--event", "users"])
            expect(child, "--url", "message naming --url")
            status = finish(child)
            if status != 2:
                fail("exit status %r" % status)
            """#
        let result = try TestSupport.pexpect(drive, home: store.home)
        #expect(result.status == 0, "\(result.transcript)")
    }

    /// `csw delete` prompts first: "n" deletes nothing and "y" deletes.
    @Test
    func deleteAsksForConfirmation() throws {
        let store = try StoreFixture()
        defer { store.remove() }
        let id = store.subscriptionIDs[0]
        let drive = """
            child = spawn(CSW, ["delete", "\(id)"])
            expect(child, re.escape("[y/N] "), "question")
            child.sendline("n")
            refused = finish(child)
            child = spawn(CSW, ["delete", "\(id)"])
            expect(child, re.escape("[y/N] "), "question")
            child.sendline("y")
            accepted = finish(child)
            print("STATUS", refused, accepted)
            if refused != 1:
                fail("answering n should exit 1, not %r" % refused)
            if accepted != 0:
                fail("answering y failed: %r" % accepted)
            """
        let result = try TestSupport.pexpect(drive, home: store.home)
        #expect(result.status == 0, "\(result.transcript)")
        let listed = try TestSupport.csw(["list", "--format", "tsv"], home: store.home)
        #expect(!listed.standardOutput.contains(id), "\(listed.transcript)")
        #expect(listed.standardOutput.contains(store.subscriptionIDs[1]), "\(listed.transcript)")
    }
}
