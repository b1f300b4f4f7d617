import CSWCore

/// A command line after parsing: which command, and the values of its options
/// and arguments, each already checked against its kind.
package struct ParsedCommand {
    /// The command names from the top, such as `["deliveries", "show"]`.
    package let path: [String]
    package let spec: CommandSpec
    /// Values by long option name; a flag has one empty string per use.
    package private(set) var options: [String: [String]]
    /// Values by argument name.
    package private(set) var arguments: [String: [String]]

    package init(path: [String], spec: CommandSpec, options: [String: [String]] = [:], arguments: [String: [String]] = [:]) {
        self.path = path
        self.spec = spec
        self.options = options
        self.arguments = arguments
    }

    /// The command's name as typed after `csw`: `deliveries show`.
    package var name: String { path.joined(separator: " ") }

    /// Whether a flag or option was given.
    package func flag(_ long: String) -> Bool { options[long] != nil }

    /// The value of an option, the last one when given several times.
    package func value(_ long: String) -> String? { options[long]?.last }

    /// Every value of a repeatable option, in the order given.
    package func values(_ long: String) -> [String] { options[long] ?? [] }

    /// The value of a positional argument.
    package func argument(_ name: String) -> String? { arguments[name]?.first }

    /// Every value of a variadic argument.
    package func argumentValues(_ name: String) -> [String] { arguments[name] ?? [] }

    /// Required options that were not given, in table order.
    package var missingRequired: [OptionSpec] {
        spec.options.filter { $0.required && options[$0.long] == nil }
    }

    /// Adds a value as though it had been typed, such as an answer to a prompt.
    package mutating func add(option long: String, value: String) {
        options[long, default: []].append(value)
    }

    /// The usage error for a required option that is still missing.
    package func missingOptionError(_ option: OptionSpec) -> UsageError {
        let example = option.value.map { "--\(option.long) \($0.name)" } ?? "--\(option.long)"
        return UsageError("missing \(example): \(option.help.prefix(1).lowercased() + option.help.dropFirst())", commandPath: path)
    }
}

/// What a command line asks for.
package enum ParseResult {
    case command(ParsedCommand)
    /// `--help` on a command, or on csw itself when the path is empty.
    case help([String])
    case version
}

/// A command line that does not fit the command table.
///
/// Printed as one line naming the value and the fix, then a pointer to
/// `csw help COMMAND`; the process exits 2.
package struct UsageError: ReportableError, Equatable {
    package let message: String
    /// The command whose help explains the fix; empty for csw itself.
    package let commandPath: [String]
    package var exitStatus: ExitStatus { .usage }

    package init(_ message: String, commandPath: [String]) {
        self.message = message
        self.commandPath = commandPath
    }

    /// The line that points to help.
    package var helpHint: String {
        commandPath.isEmpty ? "See 'csw help'." : "See 'csw help \(commandPath.joined(separator: " "))'."
    }
}
