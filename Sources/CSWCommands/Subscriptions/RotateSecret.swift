import CSWCommandLine
import CSWCore
import CSWStore

/// The grace period of a rotation when `--grace` is not given: one day.
private let defaultGraceMilliseconds: Int64 = 86_400_000

/// `csw rotate-secret`: a new signing secret, with the old one still signing
/// during the grace period.
func runRotateSecret(_ context: CommandContext) throws -> ExitStatus {
    let command = context.command
    let store = try context.store(forWriting: true)
    let id = try store.resolveSubscriptionID(command.argument("ID")!)
    guard var subscription = try store.subscription(id: id) else {
        throw Failure("no subscription with id '\(id)'; run 'csw list' to see the ids")
    }
    let grace = try command.value("grace").map(DurationText.milliseconds) ?? defaultGraceMilliseconds
    let supplied = try command.value("secret-file").map(Inputs.secret(fromFile:))
    let secret = supplied ?? WebhookSecret.generate()
    if secret.text == subscription.secret {
        throw InvalidValue("the new secret is the same as the current one; give a different secret")
    }
    let now = Clock.nowMilliseconds()
    subscription.previousSecret = grace > 0 ? subscription.secret : nil
    subscription.previousSecretExpiresAt = grace > 0 ? now + grace : nil
    subscription.secret = secret.text
    subscription.updatedAt = now
    try store.write { try store.replace(subscription) }

    let until = grace > 0 ? Clock.iso8601(milliseconds: now + grace) : nil
    if command.flag("json") {
        var members: [(String, JSONValue)] = [("id", .string(id)), ("secret_fingerprint", .string(secret.fingerprint)), ("previous_secret_expires_at", .optional(until))]
        if supplied == nil { members.insert(("secret", .string(secret.text)), at: 1) }
        context.output.line(JSONValue.object(members).prettyPrinted())
    } else if command.flag("quiet") {
        if supplied == nil { context.output.line(secret.text) }
    } else {
        if supplied == nil { context.output.line(secret.text) }
        context.note("New secret fingerprint: \(secret.fingerprint)")
        context.note(until.map { "The old secret also signs until \($0)." } ?? "The old secret no longer signs.")
    }
    return .success
}
