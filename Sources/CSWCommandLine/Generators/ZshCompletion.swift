/// The zsh completion script, produced from the command table.
///
/// Each command gets a function that calls `_arguments` with its options and
/// the global ones. A command with subcommands lists them and hands the rest
/// of the line to the function of the subcommand typed. The file works both as an
/// autoloaded `_csw` in `$fpath` and when sourced after `compinit`.
package enum ZshCompletion {
    /// Builds the whole script.
    package static func script(for table: CommandTable) -> String {
        let nodes = table.completionNodes
        let lists = WordLists(nodes: nodes)
        let program = table.program
        var parts = [header(program), entryFunction(program)]
        for node in nodes {
            parts.append(nodeFunction(node, nodes: nodes, lists: lists, program: program))
        }
        parts.append(subcommandFunction(nodes, program: program))
        parts.append(wordListFunction(lists, program: program))
        parts.append(storeFunction(program))
        parts.append(footer(program))
        return parts.joined(separator: "\n")
    }

    private static func header(_ program: String) -> String {
        """
        #compdef \(program)
        # zsh completion for \(program).
        # Generated from the command table by '\(program) completions zsh'; do not edit.
        # Install it as _\(program) in a folder of $fpath, or load it in a session
        # after compinit with: source <(\(program) completions zsh)

        """
    }

    /// The entry point: notes the program as typed and any `--db PATH`, for
    /// the calls that list store values, then completes from the root.
    private static func entryFunction(_ program: String) -> String {
        """
        _\(program)() {
            local __\(program)_program=${(Q)words[1]}
            local -a __\(program)_db
            local i
            [[ $__\(program)_program == '~/'* ]] && __\(program)_program=$HOME/${__\(program)_program#'~/'}
            for (( i = 2; i < CURRENT; i++ )); do
                case ${(Q)words[i]} in
                    (--db) __\(program)_db=(--db ${(Q)words[i+1]}) ;;
                    (--db=*) __\(program)_db=(--db ${${(Q)words[i]}#--db=}) ;;
                esac
            done
            [[ ${__\(program)_db[2]} == '~/'* ]] && __\(program)_db[2]=$HOME/${__\(program)_db[2]#'~/'}
            \(functionName(for: [], program: program))
        }

        """
    }

    private static func nodeFunction(
        _ node: CompletionNode, nodes: [CompletionNode], lists: WordLists, program: String
    ) -> String {
        var specs = node.options.flatMap { optionSpecs($0, node: node, lists: lists, program: program) }
        let hasSubcommands = !node.subcommands.isEmpty
        if hasSubcommands {
            specs += ["': :->command'", "'*:: :->argument'"]
        } else {
            specs += node.arguments.map { argumentSpec($0, lists: lists, program: program) }
        }
        let title = node.path.isEmpty ? program : "\(program) \(node.key)"
        var lines = [
            "# Completes the words after '\(title)'.",
            "\(functionName(for: node.path, program: program))() {",
            "    local curcontext=$curcontext state state_descr line ret=1",
            "    local -A opt_args",
            "    _arguments -s -S -C \\",
        ]
        lines += specs.map { "        \($0) \\" }
        lines.append("        && ret=0")
        if hasSubcommands {
            lines += dispatch(node, program: program)
        }
        lines += ["    return ret", "}", ""]
        return lines.joined(separator: "\n")
    }

    /// Builds the `case` on the state that `_arguments` left: list the
    /// subcommands, or complete within the subcommand already typed.
    private static func dispatch(_ node: CompletionNode, program: String) -> [String] {
        var lines = [
            "    case $state in",
            "        (command)",
            "            __\(program)_subcommands \(ShellQuoting.posix(node.key)) && ret=0",
            "            ;;",
            "        (argument)",
            "            curcontext=${curcontext%:*:*}:\(program)-$line[1]:",
            "            case $line[1] in",
        ]
        for child in node.subcommands {
            let name = functionName(for: node.path + [child.name], program: program)
            lines.append("                (\(ShellQuoting.posix(child.name))) \(name) && ret=0 ;;")
        }
        lines += ["            esac", "            ;;", "    esac"]
        return lines
    }

    /// Builds the `_arguments` specs of one option: one for each spelling, which
    /// exclude each other unless the option repeats, and exclude the options
    /// it may not be given with.
    private static func optionSpecs(
        _ option: OptionSpec, node: CompletionNode, lists: WordLists, program: String
    ) -> [String] {
        var excluded = option.repeatable ? [] : option.spellings
        for group in node.exclusive where group.contains(option.long) {
            for other in group where other != option.long {
                excluded += node.options.first { $0.long == other }?.spellings ?? ["--\(other)"]
            }
        }
        let prefix = (excluded.isEmpty ? "" : "(" + excluded.joined(separator: " ") + ")") + (option.repeatable ? "*" : "")
        let description = "[" + escapeDescription(option.help) + "]"
        return option.spellings.map { spelling in
            guard let value = option.value else {
                return ShellQuoting.posix(prefix + spelling + description)
            }
            // `--name=` takes the value in the next word or after `=`;
            // `-n+` in the next word or right after the letter.
            let form = spelling.hasPrefix("--") ? spelling + "=" : spelling + "+"
            let action = self.action(value.kind.completionSource, lists: lists, program: program)
            return ShellQuoting.posix(prefix + form + description + ":" + escapeMessage(value.name) + ":" + action)
        }
    }

    private static func argumentSpec(_ argument: ArgumentSpec, lists: WordLists, program: String) -> String {
        let position = argument.variadic ? "*:" : (argument.required ? ":" : "::")
        let action = self.action(argument.kind.completionSource, lists: lists, program: program)
        return ShellQuoting.posix(position + escapeMessage(argument.name) + ":" + action)
    }

    /// Returns the `_arguments` action for a source of values. A lone space shows
    /// the message and offers nothing.
    private static func action(_ source: CompletionSource, lists: WordLists, program: String) -> String {
        switch source {
        case .words: return "__\(program)_words \(lists.kindName(source))"
        case .files: return "_files"
        case .store(let kind): return "__\(program)_store \(kind.rawValue)"
        case .none: return " "
        }
    }

    private static func subcommandFunction(_ nodes: [CompletionNode], program: String) -> String {
        var lines = [
            "# Offers the subcommands of the command at path $1, with their summaries.",
            "__\(program)_subcommands() {",
            "    local -a list",
            "    case $1 in",
        ]
        for node in nodes where !node.subcommands.isEmpty {
            let entries = node.subcommands.map { ShellQuoting.posix(escapeName($0.name) + ":" + $0.summary) }
            lines.append("        (\(ShellQuoting.posix(node.key)))")
            lines.append("            list=(")
            lines += entries.map { "                \($0)" }
            lines += ["            )", "            ;;"]
        }
        lines += ["    esac", "    _describe -t commands command list", "}", ""]
        return lines.joined(separator: "\n")
    }

    private static func wordListFunction(_ lists: WordLists, program: String) -> String {
        var lines = [
            "# Offers the words of the fixed list named by the last argument. _arguments",
            "# puts its compadd options before it; they are passed on.",
            "__\(program)_words() {",
            "    local -a list",
            "    case $argv[-1] in",
        ]
        for (name, words) in lists.named {
            lines.append("        (\(name))")
            lines.append("            list=(")
            for word in words {
                let entry = escapeName(word.word) + (word.description.isEmpty ? "" : ":" + word.description)
                lines.append("                \(ShellQuoting.posix(entry))")
            }
            lines += ["            )", "            ;;"]
        }
        lines += ["    esac", "    _describe -t values value list \"${@[1,-2]}\"", "}", ""]
        return lines.joined(separator: "\n")
    }

    private static func storeFunction(_ program: String) -> String {
        """
        # Offers store values of the kind named by the last argument (subscriptions,
        # deliveries or departments) from '\(program) __complete', passing on the --db
        # option typed on the line. The compadd options before the kind are passed on.
        __\(program)_store() {
            local kind=$argv[-1]
            local -a values
            values=("${(@f)$("$__\(program)_program" "${__\(program)_db[@]}" __complete "$kind" "${(Q)PREFIX}" 2>/dev/null)}")
            values=(${values:#})
            compadd "${@[1,-2]}" -a values
        }

        """
    }

    private static func footer(_ program: String) -> String {
        """
        if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
            _\(program) "$@"
        else
            compdef _\(program) \(program)
        fi

        """
    }

    /// The function for a node: `__csw_cmd` for the root, then the path
    /// with characters other than letters and digits turned into `_`.
    private static func functionName(for path: [String], program: String) -> String {
        let suffix = path.map { name in
            String(name.unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9": return Character(scalar)
                default: return "_"
                }
            })
        }
        return (["__\(program)_cmd"] + suffix).joined(separator: "__")
    }

    /// Escapes an option description for the brackets of an `_arguments`
    /// spec, where `\`, `[`, `]` and `:` are special.
    package static func escapeDescription(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\[]:".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// Escapes the message part of an `_arguments` spec, which ends at `:`.
    static func escapeMessage(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing(":", with: "\\:")
    }

    /// Escapes a `_describe` word, which ends at the first unescaped `:`.
    static func escapeName(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing(":", with: "\\:")
    }
}
