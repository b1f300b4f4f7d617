import CSWCommandLine
import CSWCore
import CSWStore

/// `csw enable` and `csw disable`: by ids, or in bulk by event and department.
func runSetEnabled(_ context: CommandContext, enabled: Bool) throws -> ExitStatus {
    let command = context.command
    let verb = enabled ? "enable" : "disable"
    let typedIDs = command.argumentValues("ID")
    let events = try EventSelector.resolve(command.values("event"))
    let departments = command.values("department")
    let bulk = !events.isEmpty || !departments.isEmpty
    if typedIDs.isEmpty && !bulk {
        throw UsageError("give subscription ids, or select them with --event and --department", commandPath: command.path)
    }
    if !typedIDs.isEmpty && bulk {
        throw UsageError("give subscription ids or --event/--department, not both", commandPath: command.path)
    }

    let store = try context.store(forWriting: !command.flag("dry-run"))
    let selected: [Subscription]
    if bulk {
        let known = Set(try store.departments())
        for department in departments where !known.contains(department) {
            // Still a valid filter: it selects the subscriptions for every department.
            context.warn("no subscription is limited to department '\(department)', so only subscriptions for every department match it; check the spelling")
        }
        selected = try store.subscriptions(SubscriptionFilter(events: events, departments: departments))
    } else {
        var seen = Set<String>()
        selected = try typedIDs.compactMap { typed in
            let id = try store.resolveSubscriptionID(typed)
            guard seen.insert(id).inserted else { return nil }
            return try store.subscription(id: id)
        }
    }
    let changing = selected.filter { $0.enabled != enabled }
    let unchanged = selected.count - changing.count

    if command.flag("dry-run") && command.flag("json") {
        context.output.line(JSONValue.array(changing.map { .string($0.id) }).serialized())
        return .success
    }
    if command.flag("dry-run") {
        for subscription in changing { context.output.line("would \(verb) \(subscription.id)  \(WebhookURL.maskedText(subscription.url))") }
        context.note("\(changing.count) would be \(verb)d; \(unchanged) already \(verb)d. Nothing was changed (--dry-run).")
        return .success
    }
    if !enabled && changing.count > 1 {
        let shown = changing.prefix(5).map(\.id).joined(separator: ", ") + (changing.count > 5 ? ", ..." : "")
        guard try context.confirm("Disable \(changing.count) subscriptions (\(shown))?") else {
            throw Failure("not confirmed; nothing was changed")
        }
    }
    let reason = enabled ? nil : command.value("reason") ?? "disabled by hand"
    try store.write {
        try store.setEnabled(changing.map(\.id), enabled: enabled, reason: reason, now: Clock.nowMilliseconds())
    }
    if command.flag("json") {
        context.output.line(JSONValue.array(changing.map { .string($0.id) }).serialized())
    } else {
        for subscription in changing { context.output.line("\(verb)d \(subscription.id)  \(WebhookURL.maskedText(subscription.url))") }
    }
    if bulk && selected.isEmpty {
        context.note("No subscription matches; nothing was changed.")
    } else if unchanged > 0 {
        context.note("\(unchanged) already \(verb)d.")
    }
    return .success
}
