import CSWCommandLine
import CSWCore
import CSWStore

/// `csw update`: changes what the options name, all or nothing.
func runUpdate(_ context: CommandContext) throws -> ExitStatus {
    let command = context.command
    let store = try context.store(forWriting: true)
    let id = try store.resolveSubscriptionID(command.argument("ID")!)
    guard let original = try store.subscription(id: id) else {
        throw Failure("no subscription with id '\(id)'; run 'csw list' to see the ids")
    }
    var updated = original
    var changes: [String] = []

    if command.flag("allow-private-network") { updated.allowPrivateNetwork = true }
    if command.flag("deny-private-network") { updated.allowPrivateNetwork = false }
    if let text = command.value("url") {
        updated.url = try Inputs.url(text, allowPrivateNetwork: updated.allowPrivateNetwork, context: context).text
    } else if updated.allowPrivateNetwork != original.allowPrivateNetwork {
        // Denying private networks again must not keep a literal private address.
        _ = try Inputs.url(updated.url, allowPrivateNetwork: updated.allowPrivateNetwork, context: context)
    }
    try applyEvents(command, to: &updated)
    try applyDepartments(command, to: &updated)
    if let description = command.value("description") { updated.description = description }
    try applyHeaders(command, to: &updated)
    if let caFile = command.value("ca-file") { updated.caFile = try Inputs.caFile(caFile) }
    if command.flag("default-ca") { updated.caFile = nil }

    if updated.url != original.url { changes.append("url") }
    if updated.events != original.events { changes.append("events") }
    if updated.departments != original.departments { changes.append("departments") }
    if updated.description != original.description { changes.append("description") }
    if updated.headers != original.headers { changes.append("headers") }
    if updated.allowPrivateNetwork != original.allowPrivateNetwork { changes.append("network") }
    if updated.caFile != original.caFile { changes.append("ca file") }

    if changes.isEmpty {
        context.note("Nothing to change in \(id).")
        return .success
    }
    updated.updatedAt = Clock.nowMilliseconds()
    try store.write {
        // Only a change of URL or scope can make a new duplicate; one kept
        // with --force earlier does not block other changes.
        if !command.flag("force"), updated.scope != original.scope, let existing = try store.duplicate(of: updated) {
            throw Failure("subscription \(existing) already has this URL, these events and these departments; add --force to keep both")
        }
        try store.replace(updated)
    }
    if command.flag("json") {
        context.output.line(SubscriptionText.json(updated, revealSecrets: false).prettyPrinted())
    } else {
        context.output.line("updated \(id): \(changes.joined(separator: ", "))")
    }
    return .success
}

private func applyEvents(_ command: ParsedCommand, to subscription: inout Subscription) throws {
    var events = Set(subscription.events)
    if !command.values("event").isEmpty { events = Set(try EventSelector.resolve(command.values("event"))) }
    events.formUnion(try EventSelector.resolve(command.values("add-event")))
    events.subtract(try EventSelector.resolve(command.values("remove-event")))
    if events.isEmpty {
        throw InvalidValue("a subscription needs at least one event; add one with --add-event, or delete the subscription")
    }
    subscription.events = EventType.allCases.filter { events.contains($0) }
}

private func applyDepartments(_ command: ParsedCommand, to subscription: inout Subscription) throws {
    var departments = Set(subscription.departments)
    if command.flag("all-departments") { departments = [] }
    let removed = command.values("remove-department")
    if !removed.isEmpty && departments.isEmpty && !command.flag("all-departments") {
        throw InvalidValue("subscription \(subscription.id) has no department limit, so there is nothing to remove; use --add-department to limit it")
    }
    departments.formUnion(command.values("add-department"))
    for department in removed {
        guard departments.remove(department) != nil else {
            throw InvalidValue("subscription \(subscription.id) is not limited to department '\(department)'; see 'csw show \(subscription.id)'")
        }
    }
    if !removed.isEmpty && departments.isEmpty {
        throw InvalidValue("removing every department would send events of every department; use --all-departments to say so")
    }
    subscription.departments = departments.sorted()
}

private func applyHeaders(_ command: ParsedCommand, to subscription: inout Subscription) throws {
    var headers = subscription.headers
    for name in command.values("remove-header") {
        guard let index = headers.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw InvalidValue("subscription \(subscription.id) sends no header '\(name)'; see 'csw show \(subscription.id)'")
        }
        headers.remove(at: index)
    }
    for header in try Inputs.headers(command.values("header")) {
        if let index = headers.firstIndex(where: { $0.name.lowercased() == header.name.lowercased() }) {
            headers[index] = header
        } else {
            headers.append(header)
        }
    }
    subscription.headers = headers
}
