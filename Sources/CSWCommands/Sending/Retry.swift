import CSWCommandLine
import CSWCore
import CSWDelivery
import CSWStore

/// `csw retry`: sends every pending or failed delivery that is due, each
/// with its original webhook-id and body.
func runRetry(_ context: CommandContext) throws -> ExitStatus {
    let command = context.command
    let dryRun = command.flag("dry-run")
    let store = try context.store(forWriting: !dryRun)
    let options = try DeliveryRun.senderOptions(command)
    let now = Clock.nowMilliseconds()

    if dryRun {
        let due = try store.deliveries(DeliveryFilter.dueNow(now))
        if command.flag("json") {
            let entries = due.map { delivery -> JSONValue in
                .object([
                    ("id", .string(delivery.id)), ("subscription_id", .string(delivery.subscriptionID)),
                    ("event", .string(delivery.event)), ("state", .string(delivery.state.rawValue)),
                ])
            }
            context.output.line(JSONValue.array(entries).prettyPrinted())
            return .success
        }
        for delivery in due { context.output.line("would retry \(delivery.id)  \(delivery.subscriptionID)  \(delivery.event)") }
        context.note("\(plural(due.count, "delivery", "deliveries")) due; nothing was sent (--dry-run).")
        return .success
    }
    let claimed = try store.claimDueDeliveries(now: now) { count in
        DeliveryRun.claimMilliseconds(options: options, retries: 0, count: count)
    }
    let jobs = try jobsForClaimed(claimed, store: store, context: context, skippingDisabled: true)
    if jobs.isEmpty {
        if !command.flag("quiet") && !command.flag("json") { context.note("No deliveries are due.") }
        if command.flag("json") { context.output.line("[]") }
        return .success
    }
    let reports = try DeliveryRun(context: context, store: store, options: options, retries: 0).send(jobs)
    if command.flag("json") {
        context.output.line(JSONValue.array(reports.map(reportJSON)).prettyPrinted())
    } else {
        printReports(context, reports)
    }
    return reports.allSatisfy { $0.state == .delivered } ? .success : .deliveriesFailed
}

/// Turns claimed deliveries into jobs with their current subscription.
/// Deliveries of deleted subscriptions are cancelled. With
/// `skippingDisabled`, as in `csw retry`, those of disabled subscriptions
/// are released to wait until the subscription is enabled again.
func jobsForClaimed(
    _ claimed: [Delivery], store: Store, context: CommandContext, skippingDisabled: Bool
) throws -> [DeliveryJob] {
    var jobs: [DeliveryJob] = []
    var bodies: [String: [UInt8]] = [:]
    var skippedDisabled = 0
    for delivery in claimed {
        guard let subscription = try store.subscription(id: delivery.subscriptionID) else {
            try store.cancelDelivery(id: delivery.id, reason: "subscription \(delivery.subscriptionID) was deleted")
            continue
        }
        if !subscription.enabled && skippingDisabled {
            try store.releaseClaim(deliveryID: delivery.id)
            skippedDisabled += 1
            continue
        }
        if bodies[delivery.firedEventID] == nil {
            bodies[delivery.firedEventID] = try store.firedEvent(id: delivery.firedEventID)?.body ?? []
        }
        jobs.append(DeliveryJob(
            deliveryID: delivery.id, subscription: subscription, event: delivery.event, body: bodies[delivery.firedEventID]!,
            previousAttempts: delivery.attemptCount, firstAttemptAt: delivery.firstAttemptAt))
    }
    if skippedDisabled > 0 {
        context.note("\(skippedDisabled) due deliveries wait for their disabled subscriptions to be enabled.")
    }
    return jobs
}

extension DeliveryFilter {
    /// Pending or failed deliveries due by `now`, for `retry --dry-run`.
    static func dueNow(_ now: Int64) -> DeliveryFilter {
        var filter = DeliveryFilter()
        filter.onlyUnsuccessful = true
        filter.limit = 1_000_000
        filter.dueBy = now
        return filter
    }
}

/// `csw redeliver`: sends a past delivery again with the same webhook-id and
/// body, so a receiver that already has it can drop the copy.
func runRedeliver(_ context: CommandContext) throws -> ExitStatus {
    let store = try context.store(forWriting: true)
    let id = try store.resolveDeliveryID(context.command.argument("ID")!)
    let options = try DeliveryRun.senderOptions(context.command)
    if let logged = try store.delivery(id: id), try store.subscription(id: logged.subscriptionID) == nil {
        throw Failure("delivery \(id) cannot be sent again: subscription \(logged.subscriptionID) was deleted")
    }
    let delivery = try store.claimDelivery(id: id, now: Clock.nowMilliseconds(), claimMilliseconds: DeliveryRun.claimMilliseconds(options: options, retries: 0, count: 1))
    let jobs = try jobsForClaimed([delivery], store: store, context: context, skippingDisabled: false)
    guard !jobs.isEmpty else {
        throw Failure("delivery \(id) cannot be sent again: subscription \(delivery.subscriptionID) was deleted")
    }
    if !jobs[0].subscription.enabled {
        context.warn("subscription \(jobs[0].subscription.id) is disabled; sending this one delivery anyway")
    }
    let reports = try DeliveryRun(context: context, store: store, options: options, retries: 0).send(jobs)
    if context.command.flag("json") {
        context.output.line(JSONValue.array(reports.map(reportJSON)).prettyPrinted())
    } else {
        printReports(context, reports)
    }
    return reports.allSatisfy { $0.state == .delivered } ? .success : .deliveriesFailed
}
