import CSWCommandLine
import CSWCore
import CSWStore

/// `csw deliveries`: the delivery log, newest first.
func runDeliveries(_ context: CommandContext) throws -> ExitStatus {
    let command = context.command
    let store = try context.store(forWriting: false)
    var filter = DeliveryFilter()
    if let typed = command.value("subscription") {
        // A deleted subscription's id is still in the log, so an exact id is
        // accepted even when the store no longer resolves it.
        filter.subscriptionID = (try? store.resolveSubscriptionID(typed)) ?? typed
    }
    if let event = command.value("event") { filter.events = try EventSelector.resolve(event).map(\.rawValue) }
    filter.onlyUnsuccessful = command.flag("failed")
    if let since = command.value("since") { filter.createdSince = Clock.nowMilliseconds() - (try DurationText.milliseconds(since)) }
    if let limit = command.value("limit") { filter.limit = Int(limit)! }
    let deliveries = try store.deliveries(filter)

    if command.flag("json") {
        context.output.line(JSONValue.array(deliveries.map(deliveryJSON)).prettyPrinted())
        return .success
    }
    if deliveries.isEmpty {
        context.note("No deliveries match.")
        return .success
    }
    var table = TextTable(["ID", "STATE", "OUTCOME", "STATUS", "EVENT", "SUBSCRIPTION", "ATTEMPTS", "CREATED", "NEXT"])
    for delivery in deliveries {
        table.rows.append([
            delivery.id, delivery.state.rawValue, delivery.outcome ?? "-", delivery.statusCode.map(String.init) ?? "-",
            delivery.event, delivery.subscriptionID, String(delivery.attemptCount), Clock.iso8601(milliseconds: delivery.createdAt),
            delivery.nextAttemptAt.map { Clock.iso8601(milliseconds: $0) } ?? "-",
        ])
    }
    context.output.write(table.render(on: context.output))
    return .success
}

/// `csw deliveries show`: one delivery with every attempt.
func runDeliveriesShow(_ context: CommandContext) throws -> ExitStatus {
    let store = try context.store(forWriting: false)
    let id = try store.resolveDeliveryID(context.command.argument("ID")!)
    guard let delivery = try store.delivery(id: id) else {
        throw Failure("no delivery with id '\(id)'; run 'csw deliveries' to see the ids")
    }
    let attempts = try store.attempts(deliveryID: id)
    let fired = try store.firedEvent(id: delivery.firedEventID)
    if context.command.flag("json") {
        guard case .object(var members) = deliveryJSON(delivery) else { return .failure }
        members.append(("body_sha256", .optional(fired?.bodySHA256)))
        members.append(("body", .optional(fired.map { String(decoding: $0.body, as: UTF8.self) })))
        // The list's attempt count becomes the attempts themselves.
        members.removeAll { $0.0 == "attempts" }
        members.append(("attempts", .array(attempts.map(attemptJSON))))
        context.output.line(JSONValue.object(members).prettyPrinted())
        return .success
    }
    let output = context.output
    output.line("delivery:      \(delivery.id) (webhook-id)")
    output.line("subscription:  \(delivery.subscriptionID)")
    output.line("url:           \(WebhookURL.maskedText(delivery.url))")
    output.line("event:         \(delivery.event)\(fired.map { " (department \($0.departmentID))" } ?? "")")
    output.line("state:         \(delivery.state.rawValue)\(delivery.reason.map { ": " + WebhookURL.maskedText($0) } ?? "")")
    if let next = delivery.nextAttemptAt, delivery.state == .failed || delivery.state == .pending {
        output.line("next attempt:  \(Clock.iso8601(milliseconds: next))")
    }
    if let fired { output.line("body:          \(fired.body.count) bytes, sha256 \(fired.bodySHA256)") }
    output.line("created:       \(Clock.iso8601(milliseconds: delivery.createdAt))")
    for attempt in attempts {
        output.line("")
        let status = attempt.statusCode.map { " \($0)" } ?? ""
        output.line("attempt \(attempt.number): \(Clock.iso8601(milliseconds: attempt.startedAt))  \(attempt.outcome)\(status)  \(DurationText.format(milliseconds: Int64(attempt.durationMilliseconds)))")
        output.line("  \(WebhookURL.maskedText(attempt.reason))")
        if !attempt.responseBody.isEmpty {
            let text = WebhookURL.printable(String(decoding: attempt.responseBody.prefix(300), as: UTF8.self))
            output.line("  response body\(attempt.bodyTruncated ? " (truncated)" : ""): \(text)")
        }
        if let wait = attempt.retryAfterSeconds { output.line("  receiver asked to wait \(wait) s") }
    }
    return .success
}

private func deliveryJSON(_ delivery: Delivery) -> JSONValue {
    .object([
        ("id", .string(delivery.id)), ("subscription_id", .string(delivery.subscriptionID)), ("event", .string(delivery.event)),
        ("url", .string(WebhookURL.maskedText(delivery.url))), ("state", .string(delivery.state.rawValue)),
        ("outcome", .optional(delivery.outcome)), ("status_code", .optional(delivery.statusCode)),
        ("reason", .optional(delivery.reason.map(WebhookURL.maskedText))), ("attempts", .integer(delivery.attemptCount)),
        ("created_at", .string(Clock.iso8601(milliseconds: delivery.createdAt))),
        ("next_attempt_at", delivery.nextAttemptAt.map { .string(Clock.iso8601(milliseconds: $0)) } ?? .null),
    ])
}

private func attemptJSON(_ attempt: Attempt) -> JSONValue {
    .object([
        ("number", .integer(attempt.number)), ("started_at", .string(Clock.iso8601(milliseconds: attempt.startedAt))),
        ("duration_ms", .integer(attempt.durationMilliseconds)), ("outcome", .string(attempt.outcome)),
        ("status_code", .optional(attempt.statusCode)), ("reason", .string(WebhookURL.maskedText(attempt.reason))),
        ("response_body", .string(String(decoding: attempt.responseBody, as: UTF8.self))),
        ("body_truncated", .bool(attempt.bodyTruncated)), ("retry_after_seconds", .optional(attempt.retryAfterSeconds)),
    ])
}
