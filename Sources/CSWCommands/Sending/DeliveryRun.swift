import CSWCommandLine
import CSWCore
import CSWDelivery
import CSWStore

#if canImport(Glibc)
import Glibc
#endif

/// One delivery to send in a run: the log row, its subscription and body.
struct DeliveryJob {
    var deliveryID: String
    var subscription: Subscription
    var event: String
    var body: [UInt8]
    /// Attempts recorded before this run.
    var previousAttempts: Int
    var firstAttemptAt: Int64?
}

/// How one delivery ended in a run, for the output.
struct DeliveryReport {
    var job: DeliveryJob
    var result: DeliveryResult
    var attempts: Int
    var state: DeliveryState
}

/// Sends deliveries through the libcurl sender, signing each attempt and
/// recording it in the store as soon as it ends.
///
/// Used by `csw fire`, `csw retry` and `csw redeliver`. No transaction is
/// open while a request is in flight: the outbox rows were committed before,
/// and each attempt is committed on its own when it ends.
final class DeliveryRun {
    private let context: CommandContext
    private let store: Store
    private let options: SenderOptions
    private let retries: Int
    private let schedule: [Int64]
    private var jobs: [DeliveryJob] = []
    private var attemptsThisRun: [Int] = []
    private var firstAttemptAt: [Int64?] = []
    /// The first job not yet handed to the sender.
    private var nextJob = 0
    private(set) var reports: [DeliveryReport] = []
    /// Attempts that ended in the sender's current round, written together
    /// when the round ends: one transaction a round instead of one a request.
    private var unrecorded: [AttemptRecord] = []
    private var progressShown = false

    /// How long a claim on a delivery lasts: long enough for every attempt of
    /// a run, after which another csw may take the delivery over.
    ///
    /// The claim covers the longest run possible: every wave of `concurrency`
    /// requests taking the whole timeout, and each retry waiting the longest
    /// Retry-After a run honours (300 s). A claim whose process has died is
    /// void at once, so a long claim never delays `csw retry` after a crash.
    static func claimMilliseconds(options: SenderOptions, retries: Int, count: Int) -> Int64 {
        let waves = Int64((max(count, 1) + options.concurrency - 1) / options.concurrency)
        let perAttempt = Int64(options.totalTimeoutMilliseconds) + 300_000
        return waves * perAttempt * Int64(retries + 1) + 300_000
    }

    init(context: CommandContext, store: Store, options: SenderOptions, retries: Int) throws {
        self.context = context
        self.store = store
        self.options = options
        self.retries = retries
        self.schedule = try Settings.retrySchedule(store)
    }

    /// The longest a run waits before retrying in the run. A delivery whose
    /// receiver requests a longer wait with Retry-After is left to `csw retry`.
    static let longestWaitMilliseconds = 300_000

    /// Sender options from `--concurrency`, `--timeout` and `--connect-timeout`.
    static func senderOptions(_ command: ParsedCommand) throws -> SenderOptions {
        var options = SenderOptions()
        if let concurrency = command.value("concurrency") { options.concurrency = Int(concurrency)! }
        if let timeout = command.value("timeout") {
            options.totalTimeoutMilliseconds = Int(try DurationText.milliseconds(timeout))
        }
        if let connect = command.value("connect-timeout") {
            options.connectTimeoutMilliseconds = Int(try DurationText.milliseconds(connect))
        }
        guard options.totalTimeoutMilliseconds > 0, options.connectTimeoutMilliseconds > 0 else {
            let option = options.totalTimeoutMilliseconds > 0 ? "--connect-timeout" : "--timeout"
            throw UsageError("\(option) must be longer than 0s; give a duration such as 5s", commandPath: command.path)
        }
        options.userAgent = "csw/\(cswVersion)"
        return options
    }

    /// Sends every job and returns the reports in the order they finished.
    func send(_ jobs: [DeliveryJob]) throws -> [DeliveryReport] {
        self.jobs = jobs
        attemptsThisRun = Array(repeating: 0, count: jobs.count)
        firstAttemptAt = jobs.map(\.firstAttemptAt)

        // Jobs are signed as they are handed to the sender: one more each
        // time a request ends. Signing every job up front would give the
        // last requests of a large fan-out to slow receivers a
        // webhook-timestamp minutes old, past the receivers' tolerance.
        nextJob = min(jobs.count, options.concurrency)
        let requests = (0..<nextJob).map { request(for: $0, notBefore: 0) }

        let sender = try Sender(options: options)
        let showProgress = context.errors.isTerminal && !context.command.flag("json") && !context.command.flag("quiet")
        var recordError: Error? = nil
        sender.run(requests, onComplete: { result in
            var followUps: [OutgoingRequest] = []
            do {
                followUps = try self.finish(result)
            } catch {
                recordError = recordError ?? error
            }
            if self.nextJob < self.jobs.count {
                followUps.append(self.request(for: self.nextJob, notBefore: 0))
                self.nextJob += 1
            }
            return followUps
        }, onProgress: showProgress ? { finished, inFlight, queued in
            self.showProgress(finished, inFlight, queued + self.jobs.count - self.nextJob)
        } : nil, onRoundEnd: {
            do {
                try self.recordRound()
            } catch {
                recordError = recordError ?? error
            }
        })
        try recordRound()

        if progressShown { context.errors.write("\r\u{1B}[K") }
        if let recordError { throw recordError }
        return reports
    }

    /// Builds the signed request for a job's next attempt.
    private func request(for index: Int, notBefore: Int64) -> OutgoingRequest {
        let job = jobs[index]
        let sendAt = max(Clock.nowMilliseconds(), Clock.nowMilliseconds() + (notBefore - Clock.monotonicMilliseconds()))
        let secrets = job.subscription.signingSecrets(now: sendAt).compactMap { try? WebhookSecret.parse($0) }
        let timestamp = sendAt / 1000
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"),
            ("User-Agent", "csw/\(cswVersion)"),
            ("webhook-id", job.deliveryID),
            ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", WebhookSignature.signatureHeader(id: job.deliveryID, timestamp: timestamp, body: job.body, secrets: secrets)),
        ]
        headers += job.subscription.headers.map { ($0.name, $0.value) }
        if context.command.flag("verbose") {
            context.note("http: POST \(WebhookURL.maskedText(job.subscription.url)) (\(job.body.count) bytes)")
            for (name, value) in headers {
                // Signatures and custom header values may be credentials.
                let custom = job.subscription.headers.first { $0.name == name }
                let shown = name == "webhook-signature" ? "<redacted>" : custom?.maskedValue ?? value
                context.note("http:   \(name): \(shown)")
            }
        }
        return OutgoingRequest(
            tag: index, url: job.subscription.url, headers: headers, body: job.body,
            allowPrivateNetwork: job.subscription.allowPrivateNetwork, caFile: job.subscription.caFile, notBefore: notBefore)
    }

    /// Records one finished attempt and decides what comes next.
    private func finish(_ result: DeliveryResult) throws -> [OutgoingRequest] {
        let index = result.tag
        let job = jobs[index]
        attemptsThisRun[index] += 1
        let number = job.previousAttempts + attemptsThisRun[index]
        let now = Clock.nowMilliseconds()
        let startedAt = now - Int64(result.durationMilliseconds)
        if firstAttemptAt[index] == nil { firstAttemptAt[index] = startedAt }
        for warning in result.warnings { context.warn("\(job.subscription.id): \(warning)") }

        var reason = result.reason
        if result.outcome == .redirect, let location = result.location {
            // The sender has no subscription ids, so the id goes into the
            // suggested command here.
            reason = reason.replacing(
                "update the subscription's URL to \(location)",
                with: "if the new address is right, run 'csw update \(job.subscription.id) --url \(location)'")
        }
        let attempt = Attempt(
            deliveryID: job.deliveryID, number: number, startedAt: startedAt, durationMilliseconds: result.durationMilliseconds,
            outcome: result.outcome.rawValue, statusCode: result.statusCode, reason: reason, responseBody: result.responseBody,
            bodyTruncated: result.bodyTruncated, retryAfterSeconds: result.retryAfterSeconds)

        if result.isSuccess {
            record(attempt, state: .delivered, nextAttemptAt: nil, url: job.subscription.url)
            reports.append(DeliveryReport(job: job, result: result, attempts: number, state: .delivered))
            return []
        }
        if result.outcome == .gone {
            try disableGone(job, attempt: attempt, now: now)
            reports.append(DeliveryReport(job: job, result: result, attempts: number, state: .cancelled))
            return []
        }
        let asked = (result.retryAfterSeconds ?? 0) * 1000
        if asked > DeliveryRun.longestWaitMilliseconds, result.isRetryable, attemptsThisRun[index] <= retries {
            context.warn("\(job.subscription.id): the receiver asked to wait \(asked / 1000) s, longer than a run waits; 'csw retry' sends it after that")
        }
        if result.isRetryable, attemptsThisRun[index] <= retries, asked <= DeliveryRun.longestWaitMilliseconds {
            let backoff = RetryPolicy.backoffMilliseconds(attempt: attemptsThisRun[index])
            let wait = max(backoff, asked)
            record(attempt, state: .failed, nextAttemptAt: now + Int64(wait), url: job.subscription.url)
            return [request(for: index, notBefore: Clock.monotonicMilliseconds() + Int64(wait))]
        }
        let next = nextAttemptTime(first: firstAttemptAt[index] ?? startedAt, attemptNumber: number, now: now, retryAfterSeconds: result.retryAfterSeconds)
        let state: DeliveryState = next == nil ? .exhausted : .failed
        record(attempt, state: state, nextAttemptAt: next, url: job.subscription.url)
        reports.append(DeliveryReport(job: job, result: result, attempts: number, state: state))
        return []
    }

    /// Queues an attempt for the write at the end of the sender's round.
    private func record(_ attempt: Attempt, state: DeliveryState, nextAttemptAt: Int64?, url: String) {
        unrecorded.append(AttemptRecord(attempt: attempt, state: state, nextAttemptAt: nextAttemptAt, url: url))
    }

    /// Writes the attempts of the round that just ended.
    private func recordRound() throws {
        let records = unrecorded
        unrecorded.removeAll()
        try store.recordAttempts(records)
    }

    /// A 410 Gone disables the subscription and stops its pending deliveries.
    private func disableGone(_ job: DeliveryJob, attempt: Attempt, now: Int64) throws {
        try store.recordAttempt(attempt, state: .cancelled, nextAttemptAt: nil, url: job.subscription.url)
        let reason = "the receiver answered 410 Gone"
        try store.write {
            try store.setEnabled([job.subscription.id], enabled: false, reason: reason, now: now)
            try store.cancelDeliveries(subscriptionID: job.subscription.id, reason: "subscription disabled: \(reason)", now: now)
        }
        context.warn("disabled \(job.subscription.id): \(reason); re-enable it with 'csw enable \(job.subscription.id)' if that was a mistake")
    }

    /// When a failed delivery is due again: the schedule's next delay after
    /// the first attempt, with up to 10% jitter, and no sooner than the
    /// receiver's Retry-After. Nil when the schedule is used up.
    private func nextAttemptTime(first: Int64, attemptNumber: Int, now: Int64, retryAfterSeconds: Int?) -> Int64? {
        guard attemptNumber - 1 < schedule.count else { return nil }
        let delay = schedule[attemptNumber - 1]
        let jitterRange = max(delay / 10, 1)
        let random = System.randomBytes(count: 4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        var next = first + delay + Int64(random % UInt32(min(jitterRange, Int64(UInt32.max))))
        next = max(next, now + 1000)
        if let retryAfterSeconds { next = max(next, now + Int64(retryAfterSeconds) * 1000) }
        return next
    }

    private func showProgress(_ finished: Int, _ inFlight: Int, _ queued: Int) {
        progressShown = true
        let failed = reports.filter { $0.state != .delivered }.count
        context.errors.write("\r\u{1B}[K\(finished) done, \(inFlight) sending, \(queued) waiting, \(failed) failed")
    }
}
