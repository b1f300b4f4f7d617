import CSWCommandLine
import CSWCore
import CSWStore

/// `csw list`: subscriptions as a table, TSV or JSON, never with secrets.
func runList(_ context: CommandContext) throws -> ExitStatus {
    let command = context.command
    var filter = SubscriptionFilter()
    filter.events = try EventSelector.resolve(command.values("event"))
    filter.departments = command.values("department")
    if command.flag("enabled") { filter.enabled = true }
    if command.flag("disabled") { filter.enabled = false }
    let store = try context.store(forWriting: false)
    let format = command.flag("json") ? "json" : command.value("format") ?? "table"
    switch format {
    case "json":
        // Written one object at a time as rows are read, indented as
        // JSONValue.prettyPrinted() would indent the whole array, so memory
        // stays flat however many subscriptions there are.
        var count = 0
        try store.forEachSubscription(filter) { subscription in
            context.output.write(count == 0 ? "[\n  " : ",\n  ")
            context.output.write(bytes: SubscriptionText.jsonBytes(subscription, revealSecrets: false, fingerprint: false, indent: 2, depth: 1))
            count += 1
        }
        context.output.write(count == 0 ? "[]\n" : "\n]\n")
    case "tsv":
        try store.forEachSubscription(filter) { subscription in
            let fields = [
                subscription.id, SubscriptionText.state(subscription), subscription.events.map(\.rawValue).joined(separator: ","),
                subscription.departments.joined(separator: ","), WebhookURL.maskedText(subscription.url),
                subscription.allowPrivateNetwork ? "private-network" : "public-only", subscription.description,
            ]
            context.output.line(fields.map(tsvField).joined(separator: "\t"))
        }
    default:
        let subscriptions = try store.subscriptions(filter)
        if subscriptions.isEmpty {
            context.note("No subscriptions. Create one with 'csw subscribe --url URL --event EVENT'.")
            return .success
        }
        var table = TextTable(["ID", "STATE", "EVENTS", "DEPARTMENTS", "URL"])
        for subscription in subscriptions {
            let url = WebhookURL.maskedText(subscription.url) + (subscription.allowPrivateNetwork ? " (private network allowed)" : "")
            table.rows.append([
                subscription.id, SubscriptionText.state(subscription), SubscriptionText.events(subscription.events),
                SubscriptionText.departments(subscription.departments), url,
            ])
        }
        context.output.write(table.render(on: context.output))
    }
    return .success
}

/// A TSV field: tabs, line ends and backslashes escaped so each row stays one line.
func tsvField(_ text: String) -> String {
    var result = ""
    for character in text {
        switch character {
        case "\t": result += "\\t"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\\": result += "\\\\"
        default: result.append(character)
        }
    }
    return result
}
