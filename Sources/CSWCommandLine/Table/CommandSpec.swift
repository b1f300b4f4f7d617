/// The kind of value an option or argument takes.
///
/// The parser checks values by kind before a command runs; the help text,
/// the man page and the shell completions use it to describe and offer values.
package enum ValueKind: Sendable, Equatable {
    /// Free text.
    case text
    /// An absolute http or https URL.
    case url
    /// A duration such as `10s`, `2m`, `1h30m` or `2d`.
    case duration
    /// A whole number within a range.
    case integer(ClosedRange<Int>)
    /// An event type, a group name (`responses`, `activities`, `users`) or `*`.
    case event
    /// One event type, not a group or `*`, as `csw fire` sends.
    case eventType
    /// A department id: any non-empty text without control characters.
    case department
    /// A subscription id or a unique prefix of one.
    case subscriptionID
    /// A delivery id or a unique prefix of one.
    case deliveryID
    /// A file path, or `-` for standard input where the command accepts it.
    case file
    /// One of a fixed list of words.
    case choice([String])
    /// A request header, `Name: value`.
    case header
    /// A `key=value` pair.
    case keyValue

    /// Words that shell completion offers for this kind, when the set is fixed.
    package var fixedCandidates: [String]? {
        switch self {
        case .choice(let words): return words
        default: return nil
        }
    }
}

/// The value an option takes, with the placeholder name shown in help.
package struct ValueSpec: Sendable {
    package let name: String
    package let kind: ValueKind

    package init(_ name: String, _ kind: ValueKind) {
        self.name = name
        self.kind = kind
    }
}

/// One option of a command: a flag, or an option that takes a value.
package struct OptionSpec: Sendable {
    /// The long name without dashes, such as `url`.
    package let long: String
    package let short: Character?
    /// The value the option takes; nil for a flag.
    package let value: ValueSpec?
    package let help: String
    /// Whether the option may be given more than once.
    package let repeatable: Bool
    /// Whether the command needs it; a terminal user is prompted for it.
    package let required: Bool
    /// Shown in help and completions only when false.
    package let hidden: Bool

    package init(
        _ long: String, short: Character? = nil, value: ValueSpec? = nil, help: String,
        repeatable: Bool = false, required: Bool = false, hidden: Bool = false
    ) {
        self.long = long
        self.short = short
        self.value = value
        self.help = help
        self.repeatable = repeatable
        self.required = required
        self.hidden = hidden
    }

    /// Whether the option is a flag rather than taking a value.
    package var isFlag: Bool { value == nil }

    /// The option as it is written in a synopsis: `--url URL` or `--dry-run`.
    package var synopsis: String {
        guard let value else { return "--\(long)" }
        return "--\(long) \(value.name)"
    }
}

/// A positional argument of a command.
package struct ArgumentSpec: Sendable {
    package let name: String
    package let kind: ValueKind
    package let help: String
    package let required: Bool
    /// Whether it takes every remaining positional value.
    package let variadic: Bool

    package init(_ name: String, _ kind: ValueKind, help: String, required: Bool = true, variadic: Bool = false) {
        self.name = name
        self.kind = kind
        self.help = help
        self.required = required
        self.variadic = variadic
    }

    /// The argument as written in a synopsis: `ID`, `[ID]`, `ID...`.
    package var synopsis: String {
        let word = variadic ? "\(name)..." : name
        return required ? word : "[\(word)]"
    }
}

/// A worked example shown in help and on the man page.
package struct Example: Sendable {
    package let command: String
    package let explanation: String

    package init(_ command: String, _ explanation: String) {
        self.command = command
        self.explanation = explanation
    }
}

/// One command of the table: what it is called, what it takes, and its text.
///
/// The table of these is the single source for parsing, `--help`, usage
/// errors, shell completions and the man page.
package struct CommandSpec: Sendable {
    package let name: String
    /// One line for command lists.
    package let summary: String
    /// Paragraphs for `--help` and the man page.
    package let discussion: String
    package let arguments: [ArgumentSpec]
    package let options: [OptionSpec]
    package let subcommands: [CommandSpec]
    /// Sets of options of which at most one may be given.
    package let exclusive: [[String]]
    package let examples: [Example]
    /// Hidden commands are left out of help, completions and the man page.
    package let hidden: Bool

    package init(
        _ name: String, summary: String, discussion: String = "", arguments: [ArgumentSpec] = [],
        options: [OptionSpec] = [], subcommands: [CommandSpec] = [], exclusive: [[String]] = [],
        examples: [Example] = [], hidden: Bool = false
    ) {
        self.name = name
        self.summary = summary
        self.discussion = discussion
        self.arguments = arguments
        self.options = options
        self.subcommands = subcommands
        self.exclusive = exclusive
        self.examples = examples
        self.hidden = hidden
    }

    /// The subcommand with that name, hidden ones included.
    package func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }

    /// The option with that long name.
    package func option(long name: String) -> OptionSpec? {
        options.first { $0.long == name }
    }

    /// The option with that short name.
    package func option(short name: Character) -> OptionSpec? {
        options.first { $0.short == name }
    }

    /// Subcommands a person may see.
    package var visibleSubcommands: [CommandSpec] { subcommands.filter { !$0.hidden } }

    /// Options a person may see.
    package var visibleOptions: [OptionSpec] { options.filter { !$0.hidden } }
}

/// The whole command table: the program, its global options, its commands.
package struct CommandTable: Sendable {
    package let program: String
    package let version: String
    package let summary: String
    /// Options every command accepts, before or after the command name.
    package let globalOptions: [OptionSpec]
    package let commands: [CommandSpec]

    package init(program: String, version: String, summary: String, globalOptions: [OptionSpec], commands: [CommandSpec]) {
        self.program = program
        self.version = version
        self.summary = summary
        self.globalOptions = globalOptions
        self.commands = commands
    }

    /// The top-level command with that name.
    package func command(named name: String) -> CommandSpec? {
        commands.first { $0.name == name }
    }

    /// Top-level commands a person may see.
    package var visibleCommands: [CommandSpec] { commands.filter { !$0.hidden } }

    /// Every visible command with its path of names, depth first, for help
    /// listings, completions and the man page.
    package var visibleCommandPaths: [(path: [String], spec: CommandSpec)] {
        var result: [(path: [String], spec: CommandSpec)] = []
        func visit(_ spec: CommandSpec, _ prefix: [String]) {
            let path = prefix + [spec.name]
            result.append((path, spec))
            for child in spec.visibleSubcommands { visit(child, path) }
        }
        for command in visibleCommands { visit(command, []) }
        return result
    }
}
