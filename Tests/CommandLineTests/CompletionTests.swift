import CSWCommandLine
import CSWCommands
import CSWCore
import Foundation
import Testing

/// A file produced from the command table and committed to the repository.
enum GeneratedFile: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case bash = "completions/csw.bash"
    case zsh = "completions/_csw"
    case fish = "completions/csw.fish"
    case man = "man/csw.1"

    var testDescription: String { rawValue }

    /// The file as the generators produce it now.
    var expected: String {
        switch self {
        case .bash: return BashCompletion.script(for: cswCommandTable)
        case .zsh: return ZshCompletion.script(for: cswCommandTable)
        case .fish: return FishCompletion.script(for: cswCommandTable)
        case .man: return ManPage.render(table: cswCommandTable, manual: cswManualText)
        }
    }

    /// The command that prints the file.
    var command: [String] {
        switch self {
        case .bash: return ["completions", "bash"]
        case .zsh: return ["completions", "zsh"]
        case .fish: return ["completions", "fish"]
        case .man: return ["__man"]
        }
    }

    var url: URL { TestSupport.packageRoot.appendingPathComponent(rawValue) }
}

@Suite("Generated files match the command table")
struct GeneratedFileTests {
    /// Fails when a committed file is out of date with the table. With
    /// `CSW_UPDATE_GENERATED=1` in the environment it rewrites the file.
    @Test(arguments: GeneratedFile.allCases)
    func committedFileIsCurrent(_ file: GeneratedFile) throws {
        if ProcessInfo.processInfo.environment["CSW_UPDATE_GENERATED"] == "1" {
            try FileManager.default.createDirectory(
                at: file.url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.expected.utf8).write(to: file.url)
        }
        let committed = try String(contentsOf: file.url, encoding: .utf8)
        let isCurrent = committed == file.expected
        #expect(
            isCurrent,
            "\(file.rawValue) is out of date with the command table; run 'csw \(file.command.joined(separator: " ")) > \(file.rawValue)'")
    }

    @Test(arguments: GeneratedFile.allCases)
    func binaryPrintsSameFile(_ file: GeneratedFile) throws {
        let home = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try TestSupport.csw(file.command, home: home)
        #expect(result.status == 0, "\(result.transcript)")
        let isSame = result.standardOutput == file.expected
        #expect(isSame, "'csw \(file.command.joined(separator: " "))' differs from the generator")
    }
}

@Suite("Completion script syntax")
struct CompletionSyntaxTests {
    @Test(arguments: CompletionShell.allCases)
    func scriptParsesInItsShell(_ shell: CompletionShell) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = try write(shell, table: cswCommandTable, in: folder)
        let result = try TestSupport.run(shell.executable, ["-n", script.path], timeout: 20)
        #expect(result.status == 0, "\(result.transcript)")
    }

    @Test
    func zshDescriptionEscapesSpecialCharacters() {
        #expect(ZshCompletion.escapeDescription("R&D's [beta] a:b c\\d") == #"R&D's \[beta\] a\:b c\\d"#)
    }

    @Test
    func posixQuotingKeepsPlainWords() {
        #expect(ShellQuoting.posix("--event") == "--event")
        #expect(ShellQuoting.posix("R&D's Lab") == #"'R&D'\''s Lab'"#)
        #expect(ShellQuoting.fish(#"It's a\b"#) == #"'It\'s a\\b'"#)
    }
}

/// Writes the script of a shell for a table to a file in `folder`.
func write(_ shell: CompletionShell, table: CommandTable, in folder: URL) throws -> URL {
    let script: String
    switch shell {
    case .bash: script = BashCompletion.script(for: table)
    case .zsh: script = ZshCompletion.script(for: table)
    case .fish: script = FishCompletion.script(for: table)
    }
    let file = folder.appendingPathComponent("csw.\(shell.rawValue)")
    try Data(script.utf8).write(to: file)
    return file
}

extension CompletionShell {
    var executable: String { "/usr/bin/\(rawValue)" }
}

@Suite("Help text that shells treat specially", .serialized)
struct CompletionHelpTextTests {
    /// Help text with quotes, `&`, brackets, colons, backslashes and shell
    /// substitutions, which must reach the user unchanged and run nothing.
    static let trickyHelp = #"It's R&D's [beta] option: a\b, $(touch pwned) `touch pwned` "q" 100%"#

    static let table = CommandTable(
        program: "csw", version: "0", summary: "test table",
        globalOptions: [OptionSpec("db", value: ValueSpec("PATH", .file), help: "Store [beta] path.")],
        commands: [
            CommandSpec(
                "tricky", summary: "Summary with 'quotes' & [beta] and a: colon",
                options: [
                    OptionSpec("note", value: ValueSpec("'NAME: VALUE'", .text), help: trickyHelp),
                    OptionSpec("flag", short: "f", help: trickyHelp),
                ])
        ])

    @Test(arguments: CompletionShell.allCases)
    func trickyHelpLoadsAndShows(_ shell: CompletionShell) throws {
        let home = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let script = try write(shell, table: Self.table, in: home)

        let syntax = try TestSupport.run(shell.executable, ["-n", script.path], timeout: 20)
        #expect(syntax.status == 0, "\(syntax.transcript)")

        let offer = try shell.offer(for: "csw tricky --", script: script, home: home)
        #expect(offer.candidates.contains("--note"), "\(offer.transcript)")
        #expect(offer.candidates.contains("--flag"), "\(offer.transcript)")
        switch shell {
        case .bash:
            break
        case .zsh:
            #expect(
                offer.descriptions.contains { $0.trimmingCharacters(in: .whitespaces).hasSuffix("-- " + Self.trickyHelp) },
                "\(offer.transcript)")
        case .fish:
            #expect(offer.descriptions.contains(Self.trickyHelp), "\(offer.transcript)")
        }
        let commands = try shell.offer(for: "csw tr", script: script, home: home)
        #expect(commands.candidates == ["tricky"], "\(commands.transcript)")
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("pwned").path))
    }
}

@Suite("Completion in real shells", .serialized)
struct ShellCompletionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let line: String
        let expected: [String]
        var testDescription: String { name }
    }

    static let tableCases = [
        Case(name: "command", line: "csw sub", expected: ["subscribe"]),
        Case(name: "subcommand", line: "csw events s", expected: ["show"]),
        Case(name: "long option", line: "csw list --ev", expected: ["--event"]),
        Case(name: "event name", line: "csw subscribe --event response_s", expected: ["response_submitted"]),
        Case(name: "event after short option", line: "csw fire -e user_del", expected: ["user_deleted"]),
        Case(name: "event argument", line: "csw events show activity_p", expected: ["activity_published"]),
        Case(name: "choice", line: "csw list --format ts", expected: ["tsv"]),
        Case(name: "fire offers no groups", line: "csw fire --event us", expected: [
            "user_created", "user_suspended", "user_reinstated", "user_profile_edited", "user_deleted",
        ].sorted()),
        Case(name: "list offers groups", line: "csw list --event us", expected: [
            "user_created", "user_suspended", "user_reinstated", "user_profile_edited", "user_deleted", "users",
        ].sorted()),
        Case(name: "help offers commands", line: "csw help sub", expected: ["subscribe"]),
    ]

    @Test(arguments: CompletionShell.allCases, tableCases)
    func offersWordsFromTable(_ shell: CompletionShell, _ testCase: Case) throws {
        let home = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let script = try write(shell, table: cswCommandTable, in: home)
        let offer = try shell.offer(for: testCase.line, script: script, home: home)
        // Shells list candidates in their own order.
        #expect(offer.candidates.sorted() == testCase.expected.sorted(), "\(offer.transcript)")
    }

    @Test(arguments: CompletionShell.allCases)
    func offersGlobalAndShortOptions(_ shell: CompletionShell) throws {
        let home = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let script = try write(shell, table: cswCommandTable, in: home)
        let offer = try shell.offer(for: "csw list -", script: script, home: home)
        for option in ["--event", "-e", "--department", "--db", "--no-input"] {
            #expect(offer.candidates.contains(option), "\(option) missing: \(offer.transcript)")
        }
    }

    @Test(arguments: CompletionShell.allCases)
    func hiddenCommandsAreNotOffered(_ shell: CompletionShell) throws {
        let home = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let script = try write(shell, table: cswCommandTable, in: home)
        let hidden = try shell.offer(for: "csw __", script: script, home: home)
        #expect(hidden.candidates.isEmpty, "\(hidden.transcript)")
        let all = try shell.offer(for: "csw ", script: script, home: home)
        #expect(all.candidates.count == cswCommandTable.visibleCommands.count, "\(all.transcript)")
        #expect(all.candidates.contains("subscribe"), "\(all.transcript)")
    }

    /// Departments with a space, `&` and `'` come back as one candidate each.
    @Test(arguments: CompletionShell.allCases)
    func offersDepartmentsAsOneWord(_ shell: CompletionShell) throws {
        let store = try StoreFixture()
        defer { store.remove() }
        let script = try write(shell, table: cswCommandTable, in: store.home)

        let customer = try shell.offer(for: "csw list --department Cus", script: script, home: store.home)
        #expect(customer.candidates == ["Customer Support"], "\(customer.transcript)")
        let lab = try shell.offer(for: "csw list --department R", script: script, home: store.home)
        #expect(lab.candidates == ["R&D's Lab"], "\(lab.transcript)")
        let both = try shell.offer(for: "csw list --department ", script: script, home: store.home)
        #expect(Set(both.candidates) == ["Customer Support", "R&D's Lab"], "\(both.transcript)")

        if shell == .zsh {
            #expect(customer.lineAfterTab == #"csw list --department Customer\ Support "#)
            #expect(lab.lineAfterTab == #"csw list --department R\&D\'s\ Lab "#)
        }
    }

    @Test(arguments: CompletionShell.allCases)
    func offersSubscriptionIDs(_ shell: CompletionShell) throws {
        let store = try StoreFixture()
        defer { store.remove() }
        let script = try write(shell, table: cswCommandTable, in: store.home)
        let offer = try shell.offer(for: "csw show ", script: script, home: store.home)
        #expect(Set(offer.candidates) == Set(store.subscriptionIDs), "\(offer.transcript)")
        let prefix = String(store.subscriptionIDs[0].prefix(6))
        let some = try shell.offer(for: "csw disable --yes \(prefix)", script: script, home: store.home)
        #expect(Set(some.candidates) == Set(store.subscriptionIDs.filter { $0.hasPrefix(prefix) }), "\(some.transcript)")
    }

    /// `--db PATH` on the line points the store lookups at that store, not
    /// at the one in `CSW_DB`.
    @Test(arguments: CompletionShell.allCases)
    func honoursDbOptionOnLine(_ shell: CompletionShell) throws {
        let store = try StoreFixture(path: "elsewhere/other.db")
        defer { store.remove() }
        let script = try write(shell, table: cswCommandTable, in: store.home)
        let without = try shell.offer(for: "csw list --department Cus", script: script, home: store.home)
        #expect(without.candidates.isEmpty, "\(without.transcript)")
        let line = "csw --db \(store.path) list --department Cus"
        let offer = try shell.offer(for: line, script: script, home: store.home)
        #expect(offer.candidates == ["Customer Support"], "\(offer.transcript)")
    }

    /// bash through readline itself: Tab on a real terminal, then the line
    /// runs as `printf '[%s]\n' ...`, so each word shows in brackets.
    @Test(arguments: [
        ("csw list --department Cus", "[Customer Support]"),
        ("csw list --department R", "[R&D's Lab]"),
        ("csw list --department 'R", "[R&D's Lab]"),
        ("csw list --department \"Cus", "[Customer Support]"),
        ("csw list --event=response_s", "[--event=response_submitted]"),
    ])
    func bashReadlineInsertsOneWord(_ typed: String, _ expected: String) throws {
        let store = try StoreFixture()
        defer { store.remove() }
        let script = try write(.bash, table: cswCommandTable, in: store.home)
        let drive = """
            child = spawn("/bin/bash", ["--norc", "--noprofile", "-i"])
            child.sendline("PS1='$ '; source \(script.path); echo RE''ADY")
            expect(child, "READY\\r?\\n", "prompt")
            child.send(\(pythonString(typed)) + "\\t")
            time.sleep(0.5)
            child.send("\\x01printf '[%s]\\\\n' \\r")
            child.sendline("echo DO''NE")
            expect(child, "DONE\\r?\\n", "end marker")
            words = [line for line in child.before.splitlines() if line.startswith("[")]
            print("WORDS", words)
            if \(pythonString(expected)) not in words:
                fail("expected \(expected.replacing("\"", with: "\\\"")) among " + repr(words))
            child.sendline("exit")
            finish(child)
            """
        let result = try TestSupport.pexpect(drive, home: store.home)
        #expect(result.status == 0, "\(result.transcript)")
    }
}

/// Quotes text as a Python string literal.
func pythonString(_ text: String) -> String {
    "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
}

/// A store with two subscriptions, one for the department `Customer
/// Support` and one for `R&D's Lab`, made with the built `csw`.
struct StoreFixture {
    let home: URL
    let path: String
    let subscriptionIDs: [String]

    /// - Parameter path: Where the store goes, under the home folder; by
    ///   default where `CSW_DB` of `TestSupport.environment` points.
    init(path: String = "data/csw/csw.db") throws {
        home = try TestSupport.temporaryFolder()
        self.path = home.appendingPathComponent(path).path
        var ids: [String] = []
        for (department, port) in [("Customer Support", 9), ("R&D's Lab", 10)] {
            let result = try TestSupport.csw(
                [
                    "--db", self.path, "subscribe", "--url", "http://127.0.0.1:\(port)/hook", "--event",
                    "response_submitted", "--department", department, "--allow-private-network", "--quiet",
                ], home: home)
            guard result.status == 0 else {
                throw FixtureError("csw subscribe failed: \(result.transcript)")
            }
            ids.append(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        subscriptionIDs = ids
    }

    /// Returns every subscription as `csw export` prints it, without the
    /// export time, for checking that a command changed nothing.
    func snapshot() throws -> String {
        let result = try TestSupport.csw(["--db", path, "export"], home: home)
        guard result.status == 0 else { throw FixtureError("csw export failed: \(result.transcript)") }
        return result.standardOutput.split(separator: "\n").filter { !$0.contains("\"exported_at\"") }.joined(separator: "\n")
    }

    func remove() {
        try? FileManager.default.removeItem(at: home)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
