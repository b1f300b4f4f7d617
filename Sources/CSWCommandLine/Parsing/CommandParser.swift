import CSWCore

/// Parses a command line against the command table.
///
/// It handles subcommands, long and short options, `--opt=value` and
/// `--opt value`, clustered short flags, repeated options, `--` to end
/// options, positional arguments, value checks by kind, exclusive options,
/// and suggestions for mistyped commands and options. It never abbreviates.
package struct CommandParser {
    package let table: CommandTable

    package init(table: CommandTable) {
        self.table = table
    }

    /// Parses the arguments that follow the program name.
    ///
    /// Required options that are missing are not an error here: the command
    /// layer prompts for them on a terminal or raises `missingOptionError`.
    package func parse(_ words: [String]) throws -> ParseResult {
        var state = State(spec: nil, path: [])
        var index = 0
        var optionsEnded = false
        var positionals: [String] = []

        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || word == "-" || !word.hasPrefix("-") {
                if !optionsEnded, positionals.isEmpty, try descend(into: word, state: &state) { continue }
                positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            if word == "--version", state.spec == nil { return .version }
            if word == "--help" || word == "-h" { return .help(state.path) }
            if word.hasPrefix("--") {
                try parseLong(word, words: words, index: &index, state: &state)
            } else {
                try parseShort(word, words: words, index: &index, state: &state)
            }
        }

        guard let spec = state.spec else {
            if state.globals.isEmpty { return .help([]) }
            throw UsageError("missing command: give one, such as 'csw list'", commandPath: [])
        }
        if spec.arguments.isEmpty, !spec.subcommands.isEmpty, let first = positionals.first {
            throw unknownCommand(first, among: spec.visibleSubcommands.map(\.name), path: state.path)
        }
        let arguments = try assign(positionals, to: spec, path: state.path)
        try checkExclusive(spec, state: state)
        var options = state.values
        for (name, values) in state.globals { options[name] = values }
        return .command(ParsedCommand(path: state.path, spec: spec, options: options, arguments: arguments))
    }

    private struct State {
        var spec: CommandSpec?
        var path: [String]
        var values: [String: [String]] = [:]
        var globals: [String: [String]] = [:]
    }

    /// Moves to the command or subcommand a word names. Returns false when the
    /// word is a positional argument of the current command.
    private func descend(into word: String, state: inout State) throws -> Bool {
        guard let spec = state.spec else {
            guard let command = table.command(named: word) else {
                throw unknownCommand(word, among: table.visibleCommands.map(\.name), path: [])
            }
            state.spec = command
            state.path = [word]
            return true
        }
        guard let child = spec.subcommand(named: word), state.values.isEmpty else { return false }
        state.spec = child
        state.path.append(word)
        return true
    }

    private func unknownCommand(_ word: String, among names: [String], path: [String]) -> UsageError {
        let close = Suggestions.closest(to: word, among: names, limit: 1)
        let hint = close.first.map { "did you mean '\($0)'?" } ?? "run 'csw help\(path.isEmpty ? "" : " " + path.joined(separator: " "))' to list commands"
        let what = path.isEmpty ? "command" : "subcommand of '\(path.joined(separator: " "))'"
        return UsageError("unknown \(what) '\(WebhookURL.printable(word))': \(hint)", commandPath: path)
    }

    private func parseLong(_ word: String, words: [String], index: inout Int, state: inout State) throws {
        var name = String(word.dropFirst(2))
        var inlineValue: String? = nil
        if let equals = name.firstIndex(of: "=") {
            inlineValue = String(name[name.index(after: equals)...])
            name = String(name[..<equals])
        }
        guard let (option, isGlobal) = lookUp(long: name, state: state) else {
            throw unknownOption("--\(name)", state: state)
        }
        if option.isFlag {
            if inlineValue != nil {
                throw UsageError("option --\(name) takes no value; write it alone", commandPath: state.path)
            }
            try record(option, value: "", isGlobal: isGlobal, state: &state)
            return
        }
        let value = try inlineValue ?? takeValue(for: option, words: words, index: &index, state: state)
        try record(option, value: value, isGlobal: isGlobal, state: &state)
    }

    private func parseShort(_ word: String, words: [String], index: inout Int, state: inout State) throws {
        var letters = Substring(word.dropFirst())
        while let letter = letters.first {
            letters = letters.dropFirst()
            guard let (option, isGlobal) = lookUp(short: letter, state: state) else {
                throw unknownOption("-\(letter)", state: state)
            }
            if option.isFlag {
                try record(option, value: "", isGlobal: isGlobal, state: &state)
                continue
            }
            let value = letters.isEmpty ? try takeValue(for: option, words: words, index: &index, state: state) : String(letters)
            try record(option, value: value, isGlobal: isGlobal, state: &state)
            return
        }
    }

    private func takeValue(for option: OptionSpec, words: [String], index: inout Int, state: State) throws -> String {
        guard index < words.count else {
            throw UsageError("option --\(option.long) needs a value: \(option.synopsis)", commandPath: state.path)
        }
        index += 1
        return words[index - 1]
    }

    private func record(_ option: OptionSpec, value: String, isGlobal: Bool, state: inout State) throws {
        if let kind = option.value?.kind {
            do {
                try kind.validate(value)
            } catch let error as InvalidValue {
                throw UsageError("--\(option.long): \(error.message)", commandPath: state.path)
            }
        }
        let already = isGlobal ? state.globals[option.long] : state.values[option.long]
        if already != nil, !option.repeatable, !option.isFlag {
            throw UsageError("option --\(option.long) was given twice; give it once", commandPath: state.path)
        }
        if isGlobal {
            state.globals[option.long, default: []].append(value)
        } else {
            state.values[option.long, default: []].append(value)
        }
    }

    private func lookUp(long name: String, state: State) -> (OptionSpec, Bool)? {
        if let option = state.spec?.option(long: name) { return (option, false) }
        if let option = table.globalOptions.first(where: { $0.long == name }) { return (option, true) }
        return nil
    }

    private func lookUp(short letter: Character, state: State) -> (OptionSpec, Bool)? {
        if let option = state.spec?.option(short: letter) { return (option, false) }
        if let option = table.globalOptions.first(where: { $0.short == letter }) { return (option, true) }
        return nil
    }

    private func unknownOption(_ written: String, state: State) -> UsageError {
        let known = (state.spec?.visibleOptions ?? []) + table.globalOptions.filter { !$0.hidden }
        let names = known.map { "--\($0.long)" } + (state.spec == nil ? ["--version"] : [])
        let close = Suggestions.closest(to: written, among: names, limit: 1)
        let hint = close.first.map { "did you mean '\($0)'?" } ?? "it has no such option"
        let owner = state.spec == nil ? "csw" : "'csw \(state.path.joined(separator: " "))'"
        return UsageError("unknown option '\(WebhookURL.printable(written))' for \(owner): \(hint)", commandPath: state.path)
    }

    private func assign(_ positionals: [String], to spec: CommandSpec, path: [String]) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        var remaining = positionals[...]
        for argument in spec.arguments {
            let taken = argument.variadic ? Array(remaining) : Array(remaining.prefix(1))
            remaining = remaining.dropFirst(taken.count)
            if taken.isEmpty {
                if argument.required {
                    throw UsageError("missing \(argument.name): \(argument.help.prefix(1).lowercased() + argument.help.dropFirst())", commandPath: path)
                }
                continue
            }
            for value in taken {
                do {
                    try argument.kind.validate(value)
                } catch let error as InvalidValue {
                    throw UsageError("\(argument.name): \(error.message)", commandPath: path)
                }
            }
            result[argument.name] = taken
        }
        if let extra = remaining.first {
            throw UsageError("unexpected argument '\(WebhookURL.printable(extra))' for 'csw \(path.joined(separator: " "))'; quote values with spaces", commandPath: path)
        }
        return result
    }

    private func checkExclusive(_ spec: CommandSpec, state: State) throws {
        for group in spec.exclusive {
            let given = group.filter { state.values[$0] != nil }
            if given.count > 1 {
                throw UsageError("--\(given[0]) and --\(given[1]) cannot be used together; choose one", commandPath: state.path)
            }
        }
    }
}
