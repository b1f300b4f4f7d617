import CSWCore

/// The man page in roff (man(7) macros), produced from the command table,
/// the event catalogue and the hand-written `ManualText`.
package enum ManPage {
    /// Renders the whole page, for `csw __man` and the committed `man/csw.1`.
    package static func render(table: CommandTable, manual: ManualText) -> String {
        var page = RoffWriter()
        let name = table.program.uppercased()
        page.macro("TH", name, "1", manual.date, "\(table.program) \(table.version)", "User Commands")

        page.macro("SH", "NAME")
        page.raw(Roff.code(table.program) + " \\- " + Roff.prose(table.summary))
        synopsis(&page, table: table)
        section(&page, "DESCRIPTION", manual.description)
        globalOptions(&page, table: table)
        commands(&page, table: table)
        events(&page, manual: manual)
        section(&page, "DELIVERIES", manual.deliveries)
        section(&page, "SIGNATURES", manual.signatures)
        section(&page, "SECURITY", manual.security)
        section(&page, "EXIT STATUS", manual.exitStatus)
        section(&page, "ENVIRONMENT", manual.environment)
        section(&page, "FILES", manual.files)
        section(&page, "EXAMPLES", manual.examples)
        seeAlso(&page, manual.seeAlso)
        return page.source
    }

    private static func synopsis(_ page: inout RoffWriter, table: CommandTable) {
        let program = Roff.bold(table.program)
        page.macro("SH", "SYNOPSIS")
        page.text(formatted: "\(program) [\(Roff.italic("global options"))] \(Roff.italic("command")) [\(Roff.italic("options"))] [\(Roff.italic("arguments"))]")
        page.macro("br")
        page.raw("\(Roff.bold("\(table.program) help")) [\(Roff.italic("command"))]")
        page.macro("br")
        page.raw("\(program) \(Roff.bold("--version"))")
    }

    private static func globalOptions(_ page: inout RoffWriter, table: CommandTable) {
        page.macro("SH", "OPTIONS")
        page.text(plain: "These options work with every command, before or after its name.")
        for option in table.globalOptions where !option.hidden {
            describe(option, in: &page)
        }
        page.macro("TP")
        page.raw(Roff.bold("--version"))
        page.text(plain: "Print the version and exit. Only before a command.")
    }

    private static func commands(_ page: inout RoffWriter, table: CommandTable) {
        page.macro("SH", "COMMANDS")
        page.text(plain: "Run '\(table.program) help COMMAND' for the same text at the terminal.")
        for (path, spec) in table.visibleCommandPaths {
            command(spec, path: path, program: table.program, in: &page)
        }
    }

    private static func command(_ spec: CommandSpec, path: [String], program: String, in page: inout RoffWriter) {
        page.macro("SS", Roff.code(([program] + path).joined(separator: " ")))
        page.text(formatted: commandSynopsis(spec, path: path, program: program))
        page.paragraph()
        page.text(plain: spec.summary)
        if !spec.discussion.isEmpty { page.text(plain: spec.discussion) }
        for argument in spec.arguments {
            page.macro("TP")
            page.raw(Roff.italic(argument.name) + (argument.variadic ? "..." : ""))
            page.text(plain: argument.help + (argument.required ? "" : " Optional."))
        }
        for option in spec.visibleOptions { describe(option, in: &page) }
        for group in spec.exclusive {
            page.paragraph()
            let names = group.map { "--\($0)" }
            page.text(plain: "Options \(names.joined(separator: " and ")) cannot be used together.")
        }
        for example in spec.examples {
            page.paragraph()
            page.text(plain: example.explanation)
            page.macro("IP")
            page.example(ShellLines.wrap(example.command, width: 70))
        }
    }

    /// `csw subscribe --url URL --event EVENT [options]`, required options
    /// first, with fonts.
    private static func commandSynopsis(_ spec: CommandSpec, path: [String], program: String) -> String {
        var parts = [Roff.bold(([program] + path).joined(separator: " "))]
        for option in spec.options where option.required {
            parts.append(Roff.bold("--\(option.long)") + (option.value.map { " " + Roff.italic($0.name) } ?? ""))
        }
        if spec.visibleOptions.contains(where: { !$0.required }) { parts.append("[\(Roff.italic("options"))]") }
        if !spec.visibleSubcommands.isEmpty && spec.arguments.isEmpty { parts.append("[\(Roff.italic("command"))]") }
        for argument in spec.arguments {
            let word = Roff.italic(argument.name) + (argument.variadic ? "..." : "")
            parts.append(argument.required ? word : "[\(word)]")
        }
        return parts.joined(separator: " ")
    }

    /// Writes a tagged paragraph for an option: `-u, --url URL`, then its help.
    private static func describe(_ option: OptionSpec, in page: inout RoffWriter) {
        var term = option.short.map { Roff.bold("-\($0)") + ", " } ?? ""
        term += Roff.bold("--\(option.long)")
        if let value = option.value { term += " " + Roff.italic(value.name) }
        page.macro("TP")
        page.raw(term)
        page.text(plain: option.help + (option.required ? " Required; asked for at a terminal." : ""))
    }

    private static func events(_ page: inout RoffWriter, manual: ManualText) {
        page.macro("SH", "EVENTS")
        blocks(manual.events, in: &page)
        for event in EventType.allCases {
            page.macro("TP")
            page.raw(Roff.bold(event.rawValue))
            page.text(plain: event.summary)
        }
        page.paragraph()
        for group in EventGroup.allCases {
            let members = group.events.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            page.text(markup: "The group `\(group.rawValue)` stands for \(members).")
        }
        page.text(markup: "The word `*` stands for every event; quote it in the shell.")
        page.paragraph()
        let event = manual.sampleEvent.rawValue
        page.text(markup: "The sample payload of `\(event)`, which `csw events show \(event)` prints:")
        page.macro("IP")
        page.example(manual.samplePayload.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    private static func section(_ page: inout RoffWriter, _ title: String, _ content: [ManualBlock]) {
        page.macro("SH", title)
        blocks(content, in: &page)
    }

    private static func blocks(_ content: [ManualBlock], in page: inout RoffWriter) {
        for block in content {
            switch block {
            case .paragraph(let text):
                page.paragraph()
                page.text(markup: text)
            case .item(let term, let body):
                page.macro("TP")
                page.raw(Roff.markup(term))
                page.text(markup: body)
            case .example(let explanation, let commands):
                page.paragraph()
                page.text(markup: explanation)
                page.macro("IP")
                page.example(commands.flatMap { ShellLines.wrap($0, width: 70) })
            case .literal(let lines):
                page.macro("IP")
                page.example(lines)
            }
        }
    }

    private static func seeAlso(_ page: inout RoffWriter, _ references: [String]) {
        page.macro("SH", "SEE ALSO")
        for (index, reference) in references.enumerated() {
            guard let open = reference.firstIndex(of: "("), reference.hasSuffix(")") else { continue }
            let name = Roff.code(String(reference[..<open]))
            let section = String(reference[open...])
            let comma = index < references.count - 1 ? "," : ""
            page.macro("BR", name, section + comma)
        }
    }
}
