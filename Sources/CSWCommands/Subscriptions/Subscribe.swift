import CSWCommandLine
import CSWCore
import CSWStore

/// `csw subscribe`: creates a subscription and prints its id, and its
/// secret once when csw made it.
func runSubscribe(_ context: CommandContext) throws -> ExitStatus {
    try context.requireOptions()
    let command = context.command
    let allowPrivate = command.flag("allow-private-network")
    let url = try Inputs.url(command.value("url")!, allowPrivateNetwork: allowPrivate, context: context)
    let events = try EventSelector.resolve(command.values("event"))
    let headers = try Inputs.headers(command.values("header"))
    let caFile = try command.value("ca-file").map(Inputs.caFile)
    let suppliedSecret = try command.value("secret-file").map(Inputs.secret(fromFile:))
    let secret = suppliedSecret ?? WebhookSecret.generate()

    let now = Clock.nowMilliseconds()
    var subscription = Subscription(
        id: Identifier.subscription(), url: url.text, events: events, departments: command.values("department"),
        description: command.value("description") ?? "", secret: secret.text, headers: headers,
        enabled: !command.flag("disabled"), allowPrivateNetwork: allowPrivate, caFile: caFile, createdAt: now)
    if !subscription.enabled {
        subscription.disabledAt = now
        subscription.disabledReason = "created disabled"
    }

    let store = try context.store(forWriting: true, creating: true)
    try store.write {
        if !command.flag("force"), let existing = try store.duplicate(of: subscription) {
            throw Failure("subscription \(existing) already sends these events for these departments to \(url.masked); add --force to create another")
        }
        try store.insert(subscription)
    }

    if command.flag("json") {
        var object = SubscriptionText.json(subscription, revealSecrets: false)
        if suppliedSecret == nil, case .object(var members) = object {
            members.append(("secret", .string(secret.text)))
            object = .object(members)
        }
        context.output.line(object.prettyPrinted())
    } else if command.flag("quiet") {
        context.output.line(subscription.id)
    } else {
        context.output.line(subscription.id)
        if suppliedSecret == nil {
            context.note("Signing secret, shown only now: \(secret.text)")
        }
        context.note("Secret fingerprint: \(secret.fingerprint)")
    }
    return .success
}
