import CSWCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Questions at the terminal: values of missing required options and yes/no
/// confirmations. Prompts and their messages go to standard
/// error.
///
/// Use it only where `canPrompt` is true; a command that cannot prompt
/// raises the usage error that names the option instead.
package final class Prompter {
    private let completions: (ValueKind, String) -> [String]
    private lazy var editor: LineEditor? = try? LineEditor()

    /// - Parameter completions: Store values of a kind that start with a
    ///   prefix, offered by Tab; event names, choices and files need none.
    package init(completions: @escaping (ValueKind, String) -> [String]) {
        self.completions = completions
    }

    /// Returns whether csw may prompt: standard input and standard error are
    /// terminals and `--no-input` was not given.
    package static func canPrompt(noInput: Bool) -> Bool {
        !noInput && System.isTerminal(STDIN_FILENO) && System.isTerminal(STDERR_FILENO)
    }

    /// Asks for each required option that `command` lacks and adds the typed
    /// values to it. Where csw may not prompt, throws the usage error for
    /// the first missing option.
    ///
    /// - Throws: `UsageError`, or `PromptCancelled` after Ctrl-C or Ctrl-D.
    package static func fillMissing(
        _ command: inout ParsedCommand, completions: @escaping (ValueKind, String) -> [String]
    ) throws {
        let missing = command.missingRequired
        guard let first = missing.first else { return }
        guard canPrompt(noInput: command.flag("no-input")) else { throw command.missingOptionError(first) }
        let prompter = Prompter(completions: completions)
        for option in missing {
            for value in try prompter.ask(for: option) {
                command.add(option: option.long, value: value)
            }
        }
    }

    /// Asks for the value of an option until a valid one is typed; for a
    /// repeatable option whose values hold no spaces, several
    /// space-separated values.
    ///
    /// - Throws: `PromptCancelled` after Ctrl-C or Ctrl-D.
    package func ask(for option: OptionSpec) throws -> [String] {
        guard let value = option.value else { return [] }
        let editor = try requireEditor()
        let splits = option.repeatable && Self.valuesHoldNoSpaces(value.kind)
        editor.splitsWords = splits
        editor.completer = { [completions] _, current in
            CommandCompleter.values(of: value.kind, prefix: current, storeValues: completions)
        }
        defer { editor.completer = nil }

        while true {
            guard case .line(let line) = editor.readLine(prompt: Self.label(for: option) + ": ") else {
                throw PromptCancelled()
            }
            do {
                let values = try Self.values(in: line, splits: splits)
                for value in values { try check(value, for: option) }
                return values
            } catch let error as ReportableError {
                Output.error.line("error: \(error.message)")
            }
        }
    }

    /// Asks a yes/no question, `[y/N]`: only `y` or `yes` (any case) is yes.
    ///
    /// - Throws: `PromptCancelled` after Ctrl-C or Ctrl-D, which never mean yes.
    package func confirm(_ question: String) throws -> Bool {
        let editor = try requireEditor()
        editor.completer = nil
        guard case .line(let answer) = editor.readLine(prompt: question + " [y/N] ") else {
            throw PromptCancelled()
        }
        let word = answer.trimmingSpacesAndTabs().lowercased()
        return word == "y" || word == "yes"
    }

    private func requireEditor() throws -> LineEditor {
        guard let editor else { throw Failure("cannot prompt: line editing failed to start") }
        return editor
    }

    private func check(_ value: String, for option: OptionSpec) throws {
        guard let kind = option.value?.kind else { return }
        try kind.validate(value)
    }

    /// Splits a prompt line into values.
    private static func values(in line: String, splits: Bool) throws -> [String] {
        let values = splits ? try ShellWords.split(line) : [line.trimmingSpacesAndTabs()].filter { !$0.isEmpty }
        if values.isEmpty { throw InvalidValue("a value is required; type one, or press Ctrl-C to cancel") }
        return values
    }

    /// Kinds whose values never contain a space, so that a prompt line can
    /// hold several of them.
    private static func valuesHoldNoSpaces(_ kind: ValueKind) -> Bool {
        switch kind {
        case .event, .eventType, .url, .subscriptionID, .deliveryID, .duration, .integer, .choice: return true
        case .text, .department, .file, .header, .keyValue: return false
        }
    }

    /// Returns the prompt label for an option: `URL`, `Event (name, group
    /// or *)`, or its long name in words, such as `Timestamp`.
    package static func label(for option: OptionSpec) -> String {
        switch option.value?.kind {
        case .url?: return "URL"
        case .event? where option.repeatable: return "Event (name, group or *)"
        case .event?, .eventType?: return "Event"
        default:
            if option.long == "id" { return "ID" }
            let words = option.long.replacing("-", with: " ")
            return words.prefix(1).uppercased() + words.dropFirst()
        }
    }
}

/// Ctrl-C or Ctrl-D at a prompt: the command stops and changes nothing.
package struct PromptCancelled: ReportableError, Equatable {
    package var message: String { "cancelled; nothing was changed" }
    package var exitStatus: ExitStatus { .interrupted }

    package init() {}
}

