import CSWCommandLine
import CSWCore
import CSWStore

/// `csw events`: the catalogue of event types.
func runEvents(_ context: CommandContext) throws -> ExitStatus {
    if context.command.flag("json") {
        let array = JSONValue.array(EventType.allCases.map { event in
            .object([("name", .string(event.rawValue)), ("group", .string(event.group.rawValue)), ("description", .string(event.summary))])
        })
        context.output.line(array.prettyPrinted())
        return .success
    }
    var table = TextTable(["EVENT", "GROUP", "DESCRIPTION"])
    for event in EventType.allCases { table.rows.append([event.rawValue, event.group.rawValue, event.summary]) }
    context.output.write(table.render(on: context.output))
    return .success
}

/// `csw events show`: the sample payload of one event, as `csw fire` sends it.
func runEventsShow(_ context: CommandContext) throws -> ExitStatus {
    let event = try EventSelector.single(context.command.argument("EVENT")!)
    let department = context.command.value("department") ?? "demo"
    let siteURL = try Settings.siteURL(context)
    context.output.line(SamplePayload.json(for: event, department: department, siteURL: siteURL).serialized())
    return .success
}
