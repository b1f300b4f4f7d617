import CSWCommandLine
import CSWCore
import CSWReceiving
import CSWStore

#if canImport(Glibc)
import Glibc
#endif

/// `csw verify`: checks one webhook's signature and timestamp, for receivers
/// written in shell. Exits 0 when valid and 4 with the reason otherwise.
func runVerify(_ context: CommandContext) throws -> ExitStatus {
    try context.requireOptions()
    let command = context.command
    let bodyPath = command.value("body-file") ?? "-"
    if bodyPath == "-" && command.values("secret-file").contains("-") {
        throw UsageError("--secret-file - and the body cannot both come from standard input; give the body with --body-file FILE", commandPath: command.path)
    }
    let secrets = try secrets(context)
    guard !secrets.isEmpty else {
        throw UsageError("missing --secret-file FILE or --subscription ID: give the secret to verify with", commandPath: command.path)
    }

    if bodyPath == "-" && System.isTerminal(STDIN_FILENO) {
        throw UsageError("missing body: standard input is a terminal; pipe the body in or give --body-file FILE", commandPath: command.path)
    }
    let tolerance = try command.value("tolerance").map { try DurationText.milliseconds($0) / 1000 } ?? 300
    let result: VerificationResult
    do {
        result = try WebhookFileVerification.verify(
            bodyPath: bodyPath, id: command.value("id")!, timestamp: command.value("timestamp")!,
            signatureHeader: command.value("signature")!, secrets: secrets, toleranceSeconds: tolerance)
    } catch let error as SystemError {
        throw Failure("cannot read the body from \(bodyPath == "-" ? "standard input" : bodyPath): \(error.reason)")
    }
    if result.isValid {
        if !command.flag("quiet") { context.note("valid: \(result.reason)") }
        return .success
    }
    context.errors.line("\(context.errors.styled("invalid:", .red)) \(result.reason)")
    return .verificationFailed
}
