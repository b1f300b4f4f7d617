/// Help pages produced from the command table, for `--help` and `csw help`.
package enum HelpText {
    /// The one-line synopsis of a command: `csw show [options] ID`.
    package static func usage(_ spec: CommandSpec, path: [String], program: String) -> String {
        var parts = [program] + path
        if !spec.visibleSubcommands.isEmpty && spec.arguments.isEmpty && path.count == 1 {
            parts.append(spec.options.isEmpty ? "[COMMAND]" : "[COMMAND] [options]")
        } else if !spec.visibleOptions.isEmpty {
            let required = spec.options.filter(\.required).map(\.synopsis)
            parts += required
            if spec.options.contains(where: { !$0.required && !$0.hidden }) { parts.append("[options]") }
        }
        parts += spec.arguments.map(\.synopsis)
        return parts.joined(separator: " ")
    }

    /// The help page of csw itself: its commands and global options.
    package static func overview(_ table: CommandTable) -> String {
        var lines = ["\(table.program) \(table.version): \(table.summary)", "", "Usage: \(table.program) COMMAND [options]", "", "Commands:"]
        let width = (table.visibleCommands.map(\.name.count).max() ?? 0) + 2
        for command in table.visibleCommands {
            lines.append("  " + padded(command.name, to: width) + command.summary)
        }
        lines += ["", "Options for every command:"]
        lines += optionLines(table.globalOptions)
        lines += ["", "Options before any command:"]
        lines += optionLines([OptionSpec("version", help: "Print the version and exit.")])
        lines += ["", "Run '\(table.program) help COMMAND' for a command's options."]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The help page of one command.
    package static func page(_ spec: CommandSpec, path: [String], table: CommandTable) -> String {
        var lines = ["Usage: " + usage(spec, path: path, program: table.program), "", spec.summary]
        if !spec.discussion.isEmpty { lines += ["", spec.discussion] }
        if !spec.visibleSubcommands.isEmpty {
            lines += ["", "Commands:"]
            let width = (spec.visibleSubcommands.map(\.name.count).max() ?? 0) + 2
            for child in spec.visibleSubcommands {
                lines.append("  " + padded(child.name, to: width) + child.summary)
            }
        }
        if !spec.arguments.isEmpty {
            lines += ["", "Arguments:"]
            let width = (spec.arguments.map(\.name.count).max() ?? 0) + 2
            for argument in spec.arguments {
                lines.append("  " + padded(argument.name, to: width) + argument.help)
            }
        }
        if !spec.visibleOptions.isEmpty {
            lines += ["", "Options:"]
            lines += optionLines(spec.visibleOptions)
        }
        lines += ["", "Options for every command:"]
        lines += optionLines(table.globalOptions)
        if !spec.examples.isEmpty {
            lines += ["", "Examples:"]
            for example in spec.examples {
                lines += ["  " + example.command, "      " + example.explanation]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Option lines aligned in two columns: names, then help.
    private static func optionLines(_ options: [OptionSpec]) -> [String] {
        let names = options.map { option -> String in
            let short = option.short.map { "-\($0), " } ?? "    "
            return short + option.synopsis
        }
        let width = min((names.map(\.count).max() ?? 0) + 2, 36)
        return zip(names, options).map { name, option in
            let required = option.required ? " (required)" : ""
            if name.count + 2 > width {
                return "  " + name + "\n  " + String(repeating: " ", count: width) + option.help + required
            }
            return "  " + padded(name, to: width) + option.help + required
        }
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
