/// The bash completion script, produced from the command table.
///
/// The script splits the line up to the cursor itself (bash's `COMP_WORDS`
/// also splits at `=` and `:`), walks the words to find the command, and
/// offers subcommands, options, or values by kind. Store values come from
/// `csw __complete KIND PREFIX`, run with any `--db PATH` already typed.
package enum BashCompletion {
    /// Builds the whole script, ready for `source <(csw completions bash)`.
    package static func script(for table: CommandTable) -> String {
        let nodes = table.completionNodes
        let lists = WordLists(nodes: nodes)
        let program = table.program
        var parts = [header(program), BashRuntime.source(program: program)]
        parts.append(subcommandFunction(nodes, program: program))
        parts.append(optionsFunction(nodes, program: program))
        parts.append(optionKindFunction(nodes, lists: lists, program: program))
        parts.append(argumentKindFunction(nodes, lists: lists, program: program))
        parts.append(wordListFunction(lists, program: program))
        parts.append("complete -F _\(program) \(program)\n")
        return parts.joined(separator: "\n")
    }

    private static func header(_ program: String) -> String {
        """
        # bash completion for \(program).
        # Generated from the command table by '\(program) completions bash'; do not edit.
        # Load it in a session with: source <(\(program) completions bash)

        """
    }

    private static func subcommandFunction(_ nodes: [CompletionNode], program: String) -> String {
        var lines = [
            "# Sets REPLY to the subcommands of the command at path $1, space-separated.",
            "__\(program)_subcommands() {",
            "    case $1 in",
        ]
        for node in nodes where !node.subcommands.isEmpty {
            let names = node.subcommands.map(\.name).joined(separator: " ")
            lines.append("        \(ShellQuoting.posix(node.key))) REPLY=\(ShellQuoting.posix(names)) ;;")
        }
        lines += ["        *) REPLY= ;;", "    esac", "}", ""]
        return lines.joined(separator: "\n")
    }

    private static func optionsFunction(_ nodes: [CompletionNode], program: String) -> String {
        var lines = [
            "# Sets REPLY to the options of the command at path $1, space-separated.",
            "__\(program)_options() {",
            "    case $1 in",
        ]
        for node in nodes {
            let names = node.options.flatMap(\.spellings).joined(separator: " ")
            lines.append("        \(ShellQuoting.posix(node.key))) REPLY=\(ShellQuoting.posix(names)) ;;")
        }
        lines += ["        *) REPLY= ;;", "    esac", "}", ""]
        return lines.joined(separator: "\n")
    }

    private static func optionKindFunction(_ nodes: [CompletionNode], lists: WordLists, program: String) -> String {
        var lines = [
            "# Sets REPLY to the kind of value that option $2 of the command at path $1",
            "# takes, and fails when the option takes none.",
            "__\(program)_option_kind() {",
            "    case \"$1|$2\" in",
        ]
        for node in nodes {
            for option in node.valueOptions {
                let patterns = option.spellings.map { ShellQuoting.posix("\(node.key)|\($0)") }
                let kind = lists.kindName(option.value!.kind.completionSource)
                lines.append("        \(patterns.joined(separator: "|"))) REPLY=\(kind) ;;")
            }
        }
        lines += ["        *) return 1 ;;", "    esac", "}", ""]
        return lines.joined(separator: "\n")
    }

    private static func argumentKindFunction(_ nodes: [CompletionNode], lists: WordLists, program: String) -> String {
        var lines = [
            "# Sets REPLY to the kind of the positional argument at index $2 (from 0)",
            "# of the command at path $1, and fails when there is none.",
            "__\(program)_argument_kind() {",
            "    case \"$1|$2\" in",
        ]
        for node in nodes {
            for (index, argument) in node.arguments.enumerated() {
                // A variadic argument is the last one and takes every later index.
                let pattern = argument.variadic
                    ? ShellQuoting.posix("\(node.key)|") + "*" : ShellQuoting.posix("\(node.key)|\(index)")
                let kind = lists.kindName(argument.kind.completionSource)
                lines.append("        \(pattern)) REPLY=\(kind) ;;")
            }
        }
        lines += ["        *) return 1 ;;", "    esac", "}", ""]
        return lines.joined(separator: "\n")
    }

    private static func wordListFunction(_ lists: WordLists, program: String) -> String {
        var lines = [
            "# Sets __\(program)_list to the words of the fixed list named $1.",
            "__\(program)_word_list() {",
            "    case $1 in",
        ]
        for (name, words) in lists.named {
            let quoted = words.map { ShellQuoting.posix($0.word) }.joined(separator: " ")
            lines.append("        \(name)) __\(program)_list=(\(quoted)) ;;")
        }
        lines += ["        *) __\(program)_list=() ;;", "    esac", "}", ""]
        return lines.joined(separator: "\n")
    }
}

/// Names for the kinds of values in the generated scripts: `files`, `text`,
/// the store kinds, and one name for each distinct fixed word list.
package struct WordLists {
    /// Each fixed list with its name, in order of first use.
    package private(set) var named: [(name: String, words: [CompletionWord])] = []

    package init(nodes: [CompletionNode]) {
        for node in nodes {
            let kinds = node.valueOptions.map { $0.value!.kind } + node.arguments.map(\.kind)
            for kind in kinds {
                guard case .words(let words) = kind.completionSource, name(of: words) == nil else { continue }
                let name = kind == .event ? "events" : "choice\(named.count + 1)"
                named.append((name, words))
            }
        }
    }

    private func name(of words: [CompletionWord]) -> String? {
        named.first { $0.words == words }?.name
    }

    /// Returns the name the scripts use for a source of values.
    package func kindName(_ source: CompletionSource) -> String {
        switch source {
        case .words(let words): return name(of: words) ?? "text"
        case .files: return "files"
        case .store(let kind): return kind.rawValue
        case .none: return "text"
        }
    }
}
