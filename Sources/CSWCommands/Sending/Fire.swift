import CSWCommandLine
import CSWCore
import CSWDelivery
import CSWStore

/// `csw fire`: records one pending delivery per matching subscription, then
/// sends them all concurrently.
func runFire(_ context: CommandContext) throws -> ExitStatus {
    try context.requireOptions()
    let command = context.command
    let event = try EventSelector.single(command.value("event")!)
    let dryRun = command.flag("dry-run")
    let options = try DeliveryRun.senderOptions(command)
    let store = try context.store(forWriting: !dryRun)
    let payload = try Payload.build(event: event, command: command, siteURL: try Settings.siteURL(context))
    let recipients = try recipients(for: event, department: payload.department, store: store, command: command)

    if dryRun {
        printDryRun(context, event: event, payload: payload, recipients: recipients)
        return .success
    }
    if recipients.isEmpty {
        context.note("No enabled subscription receives \(event.rawValue) for department \(payload.department); nothing was sent.")
        if command.flag("json") { context.output.line(fireJSON(event: event, payload: payload, firedID: nil, reports: []).prettyPrinted()) }
        return .success
    }

    let retries = command.value("retries").map { Int($0)! } ?? 0
    let now = Clock.nowMilliseconds()
    let fired = FiredEvent(
        id: Identifier.firedEvent(), event: event.rawValue, departmentID: payload.department, body: payload.body,
        bodySHA256: Digest.sha256Hex(payload.body), createdAt: now)
    let deliveries = recipients.map { (id: Identifier.delivery(), subscription: $0) }
    try store.recordFiredEvent(fired, deliveries: deliveries, claimMilliseconds: DeliveryRun.claimMilliseconds(options: options, retries: retries, count: deliveries.count))

    let jobs = deliveries.map { DeliveryJob(deliveryID: $0.id, subscription: $0.subscription, event: event.rawValue, body: payload.body, previousAttempts: 0, firstAttemptAt: nil) }
    let run = try DeliveryRun(context: context, store: store, options: options, retries: retries)
    let reports = try run.send(jobs)
    if command.flag("json") {
        context.output.line(fireJSON(event: event, payload: payload, firedID: fired.id, reports: reports).prettyPrinted())
    } else {
        printReports(context, reports)
    }
    return reports.allSatisfy { $0.state == .delivered } ? .success : .deliveriesFailed
}

/// Enabled subscriptions that receive this event and department, limited to
/// `--to` when given.
private func recipients(for event: EventType, department: String, store: Store, command: ParsedCommand) throws -> [Subscription] {
    let matching = try store.subscriptions(SubscriptionFilter(events: [event], departments: [department], enabled: true))
    let targets = command.values("to")
    if targets.isEmpty { return matching }
    var chosen: [Subscription] = []
    for typed in targets {
        let id = try store.resolveSubscriptionID(typed)
        guard let subscription = matching.first(where: { $0.id == id }) else {
            let reason = try store.subscription(id: id).map { $0.enabled ? "does not receive \(event.rawValue) for department \(department)" : "is disabled" } ?? "does not exist"
            throw Failure("subscription \(id) \(reason); check it with 'csw show \(id)'")
        }
        if !chosen.contains(where: { $0.id == id }) { chosen.append(subscription) }
    }
    return chosen
}

private func printDryRun(_ context: CommandContext, event: EventType, payload: Payload, recipients: [Subscription]) {
    if context.command.flag("json") {
        let tail = payload.body.suffix(8).map { byte -> JSONValue in .integer(byte) }
        let object = JSONValue.object([
            ("event", .string(event.rawValue)), ("department_id", .string(payload.department)),
            ("body", .string(String(decoding: payload.body, as: UTF8.self))), ("body_length", .integer(payload.body.count)),
            ("body_last_bytes", .array(tail)), ("body_sha256", .string(Digest.sha256Hex(payload.body))),
            ("recipients", .array(recipients.map { .object([("id", .string($0.id)), ("url", .string(WebhookURL.maskedText($0.url)))]) })),
        ])
        context.output.line(object.prettyPrinted())
        return
    }
    for subscription in recipients { context.output.line("would send to \(subscription.id)  \(WebhookURL.maskedText(subscription.url))") }
    let tail = payload.body.suffix(4).map { byte in byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    context.note("\(plural(recipients.count, "recipient")); body \(payload.body.count) bytes ending in \"\(tail)\"; nothing was sent (--dry-run).")
}

/// Prints one line per delivery on standard output and a summary on standard error.
func printReports(_ context: CommandContext, _ reports: [DeliveryReport]) {
    let output = context.output
    if !context.command.flag("quiet") {
        for report in reports {
            let outcome = report.result.outcome.rawValue
            let styled = output.styled(outcome.padding(to: 16), report.state == .delivered ? .green : .red)
            let status = report.result.statusCode.map(String.init) ?? "-"
            var line = "\(styled)\(report.job.subscription.id)  \(report.job.deliveryID)  \(status)  \(DurationText.format(milliseconds: Int64(report.result.durationMilliseconds)))  \(WebhookURL.maskedText(report.job.subscription.url))"
            if report.state != .delivered || report.result.bodyTruncated { line += "  " + WebhookURL.maskedText(report.result.reason) }
            output.line(line)
        }
    }
    let delivered = reports.filter { $0.state == .delivered }.count
    var counts: [String: Int] = [:]
    for report in reports where report.state != .delivered { counts[report.result.outcome.rawValue, default: 0] += 1 }
    let failures = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    let failed = reports.count - delivered
    if context.command.flag("quiet") && failed == 0 { return }
    context.note("\(delivered) delivered, \(failed) failed" + (failed > 0 ? " (\(failures))" : "") + ".")
    for report in reports where report.result.outcome == .redirect {
        if let location = report.result.location {
            context.note("\(report.job.subscription.id) redirects to \(WebhookURL.maskedText(location)); csw does not follow redirects, so update the URL: csw update \(report.job.subscription.id) --url '\(location)'")
        }
    }
    if reports.contains(where: { $0.state == .failed }) {
        context.note("Failed deliveries stay in the log; 'csw retry' sends those that are due.")
    }
}

/// A report as JSON.
func reportJSON(_ report: DeliveryReport) -> JSONValue {
    .object([
        ("id", .string(report.job.deliveryID)),
        ("subscription_id", .string(report.job.subscription.id)),
        ("url", .string(WebhookURL.maskedText(report.job.subscription.url))),
        ("event", .string(report.job.event)),
        ("state", .string(report.state.rawValue)),
        ("outcome", .string(report.result.outcome.rawValue)),
        ("status_code", .optional(report.result.statusCode)),
        ("reason", .string(WebhookURL.maskedText(report.result.reason))),
        ("duration_ms", .integer(report.result.durationMilliseconds)),
        ("attempts", .integer(report.attempts)),
        ("body_truncated", .bool(report.result.bodyTruncated)),
    ])
}

private func fireJSON(event: EventType, payload: Payload, firedID: String?, reports: [DeliveryReport]) -> JSONValue {
    let delivered = reports.filter { $0.state == .delivered }.count
    return .object([
        ("event", .string(event.rawValue)), ("department_id", .string(payload.department)),
        ("fired_event_id", .optional(firedID)), ("body_sha256", .string(Digest.sha256Hex(payload.body))),
        ("body_length", .integer(payload.body.count)),
        ("delivered", .integer(delivered)), ("failed", .integer(reports.count - delivered)),
        ("deliveries", .array(reports.map(reportJSON))),
    ])
}

extension String {
    /// The string padded with spaces to at least `width` characters, plus two.
    func padding(to width: Int) -> String {
        self + String(repeating: " ", count: max(width - count, 0) + 2)
    }
}
