import CSWCommandLine
import CSWCore
import CSWStore

/// `csw show`: one subscription in full; the secret and the URL's
/// credentials only with `--show-secret`.
func runShow(_ context: CommandContext) throws -> ExitStatus {
    let store = try context.store(forWriting: false)
    let id = try store.resolveSubscriptionID(context.command.argument("ID")!)
    guard let subscription = try store.subscription(id: id) else {
        throw Failure("no subscription with id '\(id)'; run 'csw list' to see the ids")
    }
    let reveal = context.command.flag("show-secret")
    if context.command.flag("json") {
        context.output.line(SubscriptionText.json(subscription, revealSecrets: reveal).prettyPrinted())
        return .success
    }
    var lines: [(String, String)] = [
        ("id", subscription.id),
        ("url", reveal ? subscription.url : WebhookURL.maskedText(subscription.url)),
        ("events", subscription.events.map(\.rawValue).joined(separator: ", ")),
        ("departments", subscription.departments.isEmpty ? "every department" : subscription.departments.joined(separator: ", ")),
        ("description", subscription.description),
        ("state", subscription.enabled ? "enabled" : "disabled"),
    ]
    if !subscription.enabled {
        let when = subscription.disabledAt.map { Clock.iso8601(milliseconds: $0) } ?? "unknown time"
        lines.append(("disabled", "\(when): \(subscription.disabledReason ?? "no reason recorded")"))
    }
    lines.append(("network", subscription.allowPrivateNetwork ? "private networks allowed (--allow-private-network)" : "public addresses only"))
    if let caFile = subscription.caFile { lines.append(("ca file", caFile)) }
    for header in subscription.headers { lines.append(("header", "\(header.name): \(reveal ? header.value : header.maskedValue)")) }
    lines.append(("secret", reveal ? subscription.secret : "hidden; --show-secret prints it"))
    lines.append(("fingerprint", SubscriptionText.fingerprint(subscription.secret)))
    let now = Clock.nowMilliseconds()
    if let previous = subscription.previousSecret, let expiry = subscription.previousSecretExpiresAt, expiry > now {
        lines.append(("old secret", "\(reveal ? previous : SubscriptionText.fingerprint(previous)) also signs until \(Clock.iso8601(milliseconds: expiry))"))
    }
    lines.append(("created", Clock.iso8601(milliseconds: subscription.createdAt)))
    lines.append(("updated", Clock.iso8601(milliseconds: subscription.updatedAt)))
    let width = lines.map(\.0.count).max()! + 2
    for (name, value) in lines {
        context.output.line(context.output.styled(name + ":", .bold) + String(repeating: " ", count: width - name.count - 1) + value)
    }
    return .success
}
