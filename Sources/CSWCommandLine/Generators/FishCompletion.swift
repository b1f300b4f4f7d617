/// The fish completion script, produced from the command table.
///
/// Fish completions are rules with conditions. The helper functions walk the
/// tokens before the cursor to find the command path and the number of
/// positional arguments after it. Each option rule applies only at its
/// command, except the global options, which apply everywhere.
package enum FishCompletion {
    /// Builds the whole script.
    package static func script(for table: CommandTable) -> String {
        let nodes = table.completionNodes
        let lists = WordLists(nodes: nodes)
        let program = table.program
        var parts = [header(program), FishRuntime.source(program: program)]
        parts.append(dataFunctions(nodes, lists: lists, program: program))
        parts.append(rules(nodes, globals: table.globalOptions.filter { !$0.hidden }, lists: lists, program: program))
        return parts.joined(separator: "\n")
    }

    private static func header(_ program: String) -> String {
        """
        # fish completion for \(program).
        # Generated from the command table by '\(program) completions fish'; do not edit.
        # Install it as ~/.config/fish/completions/\(program).fish, or load it in a
        # session with: \(program) completions fish | source

        """
    }

    private static func dataFunctions(_ nodes: [CompletionNode], lists: WordLists, program: String) -> String {
        var lines = ["function __\(program)_subcommands --argument-names path --description 'Print the subcommands at a path'"]
        lines.append("    switch $path")
        for node in nodes where !node.subcommands.isEmpty {
            lines.append("        case \(ShellQuoting.fish(node.key))")
            lines.append("            printf '%s\\n' \(node.subcommands.map { ShellQuoting.fish($0.name) }.joined(separator: " "))")
        }
        lines += ["    end", "end", ""]

        lines.append("function __\(program)_value_options --argument-names path --description 'Print the options at a path that take a value'")
        lines.append("    switch $path")
        for node in nodes where !node.valueOptions.isEmpty {
            let spellings = node.valueOptions.flatMap(\.spellings).map(ShellQuoting.fish)
            lines.append("        case \(ShellQuoting.fish(node.key))")
            lines.append("            printf '%s\\n' \(spellings.joined(separator: " "))")
        }
        lines += ["    end", "end", ""]

        lines.append("function __\(program)_argument_kind --argument-names path index --description 'Print the kind of a positional argument'")
        lines.append("    switch \"$path|$index\"")
        for node in nodes {
            for (index, argument) in node.arguments.enumerated() {
                // A variadic argument is the last one and takes every later index.
                let pattern = argument.variadic
                    ? ShellQuoting.fish("\(node.key)|") + "'*'" : ShellQuoting.fish("\(node.key)|\(index)")
                lines.append("        case \(pattern)")
                lines.append("            echo \(lists.kindName(argument.kind.completionSource))")
            }
        }
        lines += ["    end", "end", ""]

        lines.append("function __\(program)_words --argument-names name --description 'Print a fixed word list with descriptions'")
        lines.append("    switch $name")
        for (name, words) in lists.named {
            lines.append("        case \(name)")
            for word in words {
                let entry = word.description.isEmpty ? word.word : word.word + "\t" + word.description
                lines.append("            printf '%s\\n' \(ShellQuoting.fish(entry).replacing("\t", with: "'\\t'"))")
            }
        }
        lines += ["    end", "end", ""]
        return lines.joined(separator: "\n")
    }

    private static func rules(
        _ nodes: [CompletionNode], globals: [OptionSpec], lists: WordLists, program: String
    ) -> String {
        var lines = ["# Files only where a value is a file.", "complete -c \(program) -f", ""]
        lines.append("# Options of every command")
        for option in globals {
            lines.append(optionRule(option, condition: nil, lists: lists, program: program))
        }
        lines.append("")
        let globalNames = Set(globals.map(\.long))
        for node in nodes {
            lines.append("# \(([program] + node.path).joined(separator: " "))")
            let atPath = ShellQuoting.fish("__\(program)_at \(ShellQuoting.fish(node.key))")
            let atCommand = ShellQuoting.fish("__\(program)_at_command \(ShellQuoting.fish(node.key))")
            for child in node.subcommands {
                lines.append(
                    "complete -c \(program) -n \(atCommand) -a \(ShellQuoting.fish(child.name)) -d \(ShellQuoting.fish(child.summary))")
            }
            for option in node.options where !globalNames.contains(option.long) {
                lines.append(optionRule(option, condition: atPath, lists: lists, program: program))
            }
            lines.append("")
        }
        for (kind, name) in argumentKinds(nodes, lists: lists) {
            let condition = ShellQuoting.fish("__\(program)_wants \(name)")
            lines.append("complete -c \(program) -n \(condition) \(valueArguments(kind, lists: lists, program: program))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Builds the rule for an option, which applies where `condition` holds,
    /// or everywhere when it is nil.
    private static func optionRule(_ option: OptionSpec, condition: String?, lists: WordLists, program: String) -> String {
        var words = ["complete -c \(program)"]
        if let condition { words.append("-n \(condition)") }
        if let short = option.short { words.append("-s \(ShellQuoting.fish(String(short)))") }
        words.append("-l \(ShellQuoting.fish(option.long))")
        if let value = option.value {
            words.append("-r " + valueArguments(value.kind.completionSource, lists: lists, program: program))
        }
        words.append("-d \(ShellQuoting.fish(option.help))")
        return words.joined(separator: " ")
    }

    /// Returns the `complete` arguments that offer values from a source.
    private static func valueArguments(_ source: CompletionSource, lists: WordLists, program: String) -> String {
        switch source {
        case .words: return "-f -a " + ShellQuoting.fish("(__\(program)_words \(lists.kindName(source)))")
        case .files: return "-F"
        case .store(let kind): return "-f -a " + ShellQuoting.fish("(__\(program)_store \(kind.rawValue))")
        case .none: return "-f"
        }
    }

    /// Lists the sources that positional arguments use, each once, with its name.
    private static func argumentKinds(_ nodes: [CompletionNode], lists: WordLists) -> [(CompletionSource, String)] {
        var result: [(CompletionSource, String)] = []
        for argument in nodes.flatMap(\.arguments) {
            let source = argument.kind.completionSource
            if source == .none || result.contains(where: { $0.0 == source }) { continue }
            result.append((source, lists.kindName(source)))
        }
        return result
    }
}
