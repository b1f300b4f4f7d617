import CSWCommandLine
import CSWCommands
import CSWCore
import CSWDelivery
import CSWStore
import Foundation
import Testing

@Suite("Man page")
struct ManPageTests {
    static let page = ManPage.render(table: cswCommandTable, manual: cswManualText)

    @Test("every delivery outcome and state is documented")
    func documentsDeliveryWords() {
        let deliveries = Self.page.components(separatedBy: ".SH DELIVERIES").last ?? ""
        for outcome in DeliveryOutcome.allCases {
            #expect(deliveries.contains("\\fB\(outcome.rawValue)\\fR"), "\(outcome.rawValue)")
        }
        for state in DeliveryState.allCases {
            #expect(deliveries.contains("\\fB\(state.rawValue)\\fR"), "\(state.rawValue)")
        }
    }

    @Test
    func mandocLintReportsNothing() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("csw.1")
        try Data(Self.page.utf8).write(to: file)
        let result = try TestSupport.run("/usr/bin/mandoc", ["-T", "lint", file.path], timeout: 20)
        #expect(result.status == 0, "\(result.transcript)")
        #expect(result.standardOutput.isEmpty, "\(result.standardOutput)")
        #expect(result.standardError.isEmpty, "\(result.standardError)")
    }

    @Test
    func committedPageLintsClean() throws {
        let result = try TestSupport.run(
            "/usr/bin/mandoc", ["-T", "lint", GeneratedFile.man.url.path], timeout: 20)
        #expect(result.status == 0, "\(result.transcript)")
        #expect(result.standardOutput.isEmpty, "\(result.transcript)")
    }

    @Test(arguments: [
        "NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EVENTS", "SIGNATURES", "SECURITY",
        "\"EXIT STATUS\"", "ENVIRONMENT", "FILES", "EXAMPLES", "\"SEE ALSO\"",
    ])
    func hasSection(_ title: String) {
        #expect(Self.page.contains("\n.SH \(title)\n"))
    }

    @Test
    func hasSubsectionPerVisibleCommand() {
        for (path, _) in cswCommandTable.visibleCommandPaths {
            let heading = Roff.argument(Roff.code((["csw"] + path).joined(separator: " ")))
            #expect(Self.page.contains("\n.SS \(heading)\n"), "no subsection for \(path)")
        }
        #expect(!Self.page.contains("__man"))
        #expect(!Self.page.contains("__complete"))
    }

    @Test
    func listsEveryOptionOfEveryCommand() {
        for (path, spec) in cswCommandTable.visibleCommandPaths {
            for option in spec.visibleOptions {
                #expect(Self.page.contains(Roff.bold("--\(option.long)")), "--\(option.long) of \(path) missing")
            }
        }
    }

    @Test
    func listsEveryEventWithSummary() {
        for event in EventType.allCases {
            #expect(Self.page.contains(".TP\n\(Roff.bold(event.rawValue))\n"), "\(event.rawValue) missing")
            #expect(Self.page.contains(event.summary), "summary of \(event.rawValue) missing")
        }
    }

    /// The sample shown is the documented `response_submitted` payload.
    @Test
    func samplePayloadIsDocumentedOne() throws {
        let documented = #"{"department_id": "demo", "activity_id": "bushfire-risk-management", "activity_uid": "46295cac2d65426b8a3d3c1432394047", "response_id": "ANON-4515-WDZV-T", "api_url": "https://demo.citizenspace.com/api/1/activities/46295cac2d65426b8a3d3c1432394047/responses/ANON-4515-WDZV-T", "event": "response_submitted"}"#
        let expected = try JSONSerialization.jsonObject(with: Data(documented.utf8)) as? NSDictionary
        let shown = try JSONSerialization.jsonObject(with: Data(cswManualText.samplePayload.utf8)) as? NSDictionary
        #expect(shown == expected)
        #expect(cswManualText.sampleEvent == .responseSubmitted)
        for line in cswManualText.samplePayload.split(separator: "\n") {
            #expect(Self.page.contains("\n" + Roff.protectingStart(Roff.code(String(line))) + "\n"), "missing: \(line)")
        }
    }

    @Test(arguments: [
        "v1,", "whsec_", "webhook\\-id", "webhook\\-timestamp", "webhook\\-signature", "rotate\\-secret",
        "\\-\\-allow\\-private\\-network", "CSW_DB", "NO_COLOR", "XDG_DATA_HOME", "csw_history", "csw.db\\-wal",
        "csw.db\\-shm", ".BR curl (1),", ".BR sqlite3 (1)",
    ])
    func mentions(_ text: String) {
        #expect(Self.page.contains(text))
    }

    @Test(arguments: ["0", "1", "2", "3", "4", "130"])
    func documentsExitStatus(_ status: String) throws {
        let section = try #require(Self.page.components(separatedBy: ".SH \"EXIT STATUS\"").last)
        #expect(section.contains(".TP\n\(status)\n"))
    }

    @Test
    func linesFitEightyBytesOutsideExamples() {
        var literal = false
        for line in Self.page.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == ".EX" { literal = true }
            if line == ".EE" { literal = false }
            if !literal { #expect(line.utf8.count <= 80, "long line: \(line)") }
        }
    }
}

@Suite("Roff escaping")
struct RoffTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let input: String
        let expected: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "backslash", input: #"a\b"#, expected: #"a\eb"#),
        Case(name: "long option bold", input: "use --yes now", expected: #"use \fB\-\-yes\fR now"#),
        Case(name: "short option bold", input: "or -e here", expected: #"or \fB\-e\fR here"#),
        Case(name: "dash for stdin", input: "or '-' for input", expected: #"or '\-' for input"#),
        Case(name: "compound word", input: "link-local", expected: "link-local"),
        Case(name: "option then comma", input: "--data, --set", expected: #"\fB\-\-data\fR, \fB\-\-set\fR"#),
        Case(name: "non-ASCII", input: "Café", expected: #"Caf\[u00E9]"#),
    ])
    func plainText(_ testCase: Case) {
        #expect(Roff.plain(testCase.input) == testCase.expected)
    }

    @Test
    func markupCodeAndPlaceholder() {
        #expect(Roff.markup("run `csw rotate-secret` on {ID}") == #"run \fBcsw rotate\-secret\fR on \fIID\fR"#)
    }

    @Test(arguments: [".SH not a macro", "'quote first", " leading space"])
    func lineStartIsProtected(_ line: String) {
        #expect(Roff.protectingStart(line) == "\\&" + line)
    }

    @Test
    func wrappedTextNeverStartsWithControlCharacter() {
        var page = RoffWriter()
        page.text(plain: String(repeating: "word ", count: 15) + ".hidden 'quoted")
        for line in page.lines {
            #expect(!line.hasPrefix("."), "unprotected: \(line)")
            #expect(!line.hasPrefix("'"), "unprotected: \(line)")
            #expect(line.utf8.count <= 80)
        }
    }

    @Test
    func sentencesStartNewLines() {
        #expect(Roff.sentences("One. Two? csw three. e.g. four") == ["One.", "Two?", "csw three.", "e.g. four"])
    }

    @Test
    func macroArgumentsAreQuoted() {
        #expect(Roff.argument("EXIT STATUS") == "\"EXIT STATUS\"")
        #expect(Roff.argument("say \"hi\"") == #""say \(dqhi\(dq""#)
        #expect(Roff.argument("NAME") == "NAME")
    }
}
