import CSWCommandLine
import CSWCore
import CSWStore

/// `csw help [COMMAND...]`.
func runHelp(_ context: CommandContext) throws -> ExitStatus {
    let path = context.command.argumentValues("COMMAND") + context.command.argumentValues("SUBCOMMAND")
    if !path.isEmpty, resolve(path: path, table: context.table) == nil {
        let names = context.table.visibleCommands.map(\.name)
        let close = Suggestions.closest(to: path[0], among: names, limit: 1)
        let hint = close.first.map { "did you mean '\($0)'?" } ?? "run 'csw help' to list commands"
        throw UsageError("no help for '\(path.joined(separator: " "))': \(hint)", commandPath: [])
    }
    context.output.write(helpPage(for: path, table: context.table))
    return .success
}

/// `csw __complete KIND [PREFIX]`: candidates for the completion scripts,
/// one a line. It never fails loudly, since a shell is waiting on it.
func runComplete(_ context: CommandContext) throws -> ExitStatus {
    let prefix = context.command.argument("PREFIX") ?? ""
    let kind: ValueKind
    switch context.command.argument("KIND")! {
    case "subscriptions": kind = .subscriptionID
    case "departments": kind = .department
    case "deliveries": kind = .deliveryID
    default: kind = .event
    }
    for candidate in context.candidates(kind: kind, prefix: prefix) { context.output.line(candidate) }
    return .success
}
