import CSWCommandLine
import CSWCore
import CSWReceiving
import CSWStore

#if canImport(Glibc)
import Glibc
#endif

/// Set by the SIGINT and SIGTERM handler of `csw listen`; read by its loop.
private nonisolated(unsafe) var stopSignalReceived: sig_atomic_t = 0

/// `csw listen`: receives webhooks on a loopback address, prints each one
/// and checks its signature.
func runListen(_ context: CommandContext) throws -> ExitStatus {
    let command = context.command
    var options = ListenerOptions()
    options.host = try LoopbackAddress.parse(command.value("host") ?? "127.0.0.1")
    options.port = UInt16(command.value("port").map { Int($0)! } ?? 8080)
    options.secrets = try secrets(context)
    options.forcedStatus = command.value("status").map { Int($0)! }
    options.maximumRequests = command.value("count").map { Int($0)! }
    if let tolerance = command.value("tolerance") { options.toleranceSeconds = try DurationText.milliseconds(tolerance) / 1000 }

    let listener: Listener
    do {
        listener = try Listener(options: options)
    } catch let error as SystemError {
        throw Failure("cannot listen on \(options.host.rawValue) port \(options.port): \(error.reason); choose another --port, or 0 for any free one")
    }
    signal(SIGINT) { _ in stopSignalReceived = 1 }
    signal(SIGTERM) { _ in stopSignalReceived = 1 }
    // A parent may start csw with these signals blocked, as some test
    // runners and service managers do; the handlers above would never run.
    var stopSignals = sigset_t()
    sigemptyset(&stopSignals)
    sigaddset(&stopSignals, SIGINT)
    sigaddset(&stopSignals, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
    let verifying = options.secrets.isEmpty ? "not verifying signatures" : "verifying with \(options.secrets.count) secret\(options.secrets.count == 1 ? "" : "s")"
    context.note("Listening on \(listener.url) (\(verifying)); Ctrl-C stops.")

    var invalid = 0
    try listener.run(shouldStop: { stopSignalReceived != 0 }, onRejection: { rejected in
        context.warn(rejected.summaryLine)
    }) { request in
        if let verification = request.verification, !verification.isValid { invalid += 1 }
        if command.flag("json") {
            context.output.line(request.jsonObject)
            context.output.flush()
        } else {
            context.output.line(request.summaryLine)
            context.output.flush()
        }
    }
    context.note("Stopped after \(plural(listener.requestCount, "request"))\(invalid > 0 ? ", \(invalid) failed verification" : "").")
    if stopSignalReceived != 0 { return .interrupted }
    return invalid > 0 ? .verificationFailed : .success
}

/// The secrets from `--secret-file` and `--subscription`, current and
/// previous ones alike.
func secrets(_ context: CommandContext) throws -> [WebhookSecret] {
    var result: [WebhookSecret] = []
    for path in context.command.values("secret-file") {
        result.append(try Inputs.secret(fromFile: path))
    }
    let typedIDs = context.command.values("subscription")
    if !typedIDs.isEmpty {
        let store = try context.store(forWriting: false)
        for typed in typedIDs {
            let id = try store.resolveSubscriptionID(typed)
            guard let subscription = try store.subscription(id: id) else { continue }
            for text in subscription.signingSecrets(now: Clock.nowMilliseconds()) {
                result.append(try WebhookSecret.parse(text))
            }
        }
    }
    return result
}
