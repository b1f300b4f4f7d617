import CSWCommandLine
import CSWCore
import CSWStore

/// `csw delete`: removes subscriptions after confirmation; the delivery log
/// of a deleted subscription is kept.
func runDelete(_ context: CommandContext) throws -> ExitStatus {
    let command = context.command
    let store = try context.store(forWriting: !command.flag("dry-run"))
    var ids: [String] = []
    for typed in command.argumentValues("ID") {
        let id = try store.resolveSubscriptionID(typed)
        if !ids.contains(id) { ids.append(id) }
    }
    if command.flag("dry-run") {
        for id in ids { context.output.line("would delete \(id)") }
        return .success
    }
    let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", ..." : "")
    let question = ids.count == 1 ? "Delete subscription \(ids[0])?" : "Delete \(ids.count) subscriptions (\(shown))?"
    guard try context.confirm(question) else { throw Failure("not confirmed; nothing was changed") }
    let now = Clock.nowMilliseconds()
    try store.write {
        try store.delete(ids)
        // Their log stays, but nothing is left to send them to.
        for id in ids { try store.cancelDeliveries(subscriptionID: id, reason: "subscription \(id) was deleted", now: now) }
    }
    for id in ids { context.output.line("deleted \(id)") }
    return .success
}
