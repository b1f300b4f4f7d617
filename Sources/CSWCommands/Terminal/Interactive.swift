import CSWCommandLine
import CSWCore

/// `csw shell`: every csw command at a libedit prompt, with completion and
/// history kept beside the store.
func runShell(_ context: CommandContext) throws -> ExitStatus {
    let completer = CommandCompleter(table: context.table) { kind, prefix in
        context.storeValues(kind: kind, prefix: prefix)
    }
    // Global options given to `csw shell` apply to every command it runs.
    var globals: [String] = []
    if let db = context.command.value("db") { globals += ["--db", db] }
    if context.command.flag("no-input") { globals.append("--no-input") }
    if context.command.flag("verbose") { globals.append("--verbose") }
    let shell = InteractiveShell(completer: completer, historyPath: InteractiveShell.historyPath(forStore: context.storePath)) { words in
        execute(arguments: globals + words, table: context.table)
    }
    return try shell.start()
}

/// `csw __man`: the man page in roff, as committed in man/csw.1.
func runMan(_ context: CommandContext) throws -> ExitStatus {
    context.output.write(ManPage.render(table: context.table, manual: cswManualText))
    return .success
}

/// `csw completions SHELL`: the completion script, as committed in completions/.
func runCompletions(_ context: CommandContext) throws -> ExitStatus {
    switch context.command.argument("SHELL") {
    case "zsh": context.output.write(ZshCompletion.script(for: context.table))
    case "fish": context.output.write(FishCompletion.script(for: context.table))
    default: context.output.write(BashCompletion.script(for: context.table))
    }
    return .success
}
