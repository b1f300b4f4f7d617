import CSWCommandLine
import CSWCore
import CSWStore

/// A command's implementation.
typealias CommandHandler = (CommandContext) throws -> ExitStatus

/// Every command's implementation, by its path in the table.
let handlers: [String: CommandHandler] = [
    "subscribe": runSubscribe,
    "list": runList,
    "show": runShow,
    "update": runUpdate,
    "enable": { try runSetEnabled($0, enabled: true) },
    "disable": { try runSetEnabled($0, enabled: false) },
    "delete": runDelete,
    "rotate-secret": runRotateSecret,
    "export": runExport,
    "import": runImport,
    "events": runEvents,
    "events show": runEventsShow,
    "fire": runFire,
    "retry": runRetry,
    "deliveries": runDeliveries,
    "deliveries show": runDeliveriesShow,
    "redeliver": runRedeliver,
    "listen": runListen,
    "verify": runVerify,
    "config": { context in
        throw UsageError("missing subcommand: use 'csw config get KEY', 'csw config set KEY VALUE' or 'csw config list'", commandPath: ["config"])
    },
    "config get": runConfigGet,
    "config set": runConfigSet,
    "config list": runConfigList,
    "shell": runShell,
    "completions": runCompletions,
    "help": runHelp,
    "__complete": runComplete,
    "__man": runMan,
]

/// Runs csw with the arguments that follow the program name, printing errors
/// on standard error, and returns the exit status.
package func runCSW(arguments: [String]) -> ExitStatus {
    let status = execute(arguments: arguments, table: cswCommandTable)
    Output.standard.flush()
    Output.error.flush()
    return status
}

/// Parses and runs one command line; `csw shell` calls this for each line.
package func execute(arguments: [String], table: CommandTable) -> ExitStatus {
    do {
        switch try CommandParser(table: table).parse(arguments) {
        case .version:
            Output.standard.line("\(table.program) \(table.version)")
            return .success
        case .help(let path):
            Output.standard.write(helpPage(for: path, table: table))
            return .success
        case .command(let command):
            guard let handler = handlers[command.name] else {
                // Every command of the table has a handler; a missing one is a bug.
                fatalError("no handler for '\(command.name)'")
            }
            return try handler(CommandContext(command: command, table: table))
        }
    } catch {
        return report(error, table: table, verbose: arguments.contains("--verbose") || arguments.contains("-v"))
    }
}

/// Prints an error as `error: ...` and returns its exit status.
func report(_ error: Error, table: CommandTable, verbose: Bool) -> ExitStatus {
    Output.standard.flush()
    let errors = Output.error
    let label = errors.styled("error:", .red)
    switch error {
    case let usage as UsageError:
        errors.line("\(label) \(usage.message)")
        if let (spec, path) = resolve(path: usage.commandPath, table: table), !path.isEmpty {
            errors.line("Usage: " + HelpText.usage(spec, path: path, program: table.program))
        }
        errors.line(usage.helpHint)
        return .usage
    case let store as StoreError:
        errors.line("\(label) \(store.message)")
        if verbose, let sql = store.sql { errors.line("sql: \(sql) (SQLite code \(store.code))") }
        return store.exitStatus
    case let reportable as ReportableError:
        if reportable.exitStatus == .interrupted {
            errors.line(reportable.message)
        } else {
            errors.line("\(label) \(reportable.message)")
        }
        return reportable.exitStatus
    default:
        errors.line("\(label) \(error)")
        return .failure
    }
}

/// The help page for a command path, or the overview for an empty one.
func helpPage(for path: [String], table: CommandTable) -> String {
    guard let (spec, resolved) = resolve(path: path, table: table), !resolved.isEmpty else {
        return HelpText.overview(table)
    }
    return HelpText.page(spec, path: resolved, table: table)
}

/// The command spec a path of names leads to.
func resolve(path: [String], table: CommandTable) -> (CommandSpec, [String])? {
    guard let first = path.first, var spec = table.command(named: first) else { return nil }
    for name in path.dropFirst() {
        guard let child = spec.subcommand(named: name) else { return nil }
        spec = child
    }
    return (spec, path)
}
