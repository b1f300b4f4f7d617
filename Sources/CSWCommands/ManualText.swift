import CSWCommandLine
import CSWCore
import CSWDelivery

/// The hand-written sections of the man page. `ManPage.render` adds the
/// options, commands and event list from the command table and catalogue.
package let cswManualText = ManualText(
    date: "2026-12-04",
    description: description,
    events: [
        .paragraph(
            "There are fourteen event types in three groups. Wherever a command takes an event, it also takes a group name or `*`, each of which stands for several events, except `csw fire`, which sends one event type."),
    ],
    sampleEvent: .responseSubmitted,
    samplePayload: SamplePayload.json(
        for: .responseSubmitted, department: "demo", siteURL: SamplePayload.defaultSiteURL
    ).prettyPrinted(),
    deliveries: deliveries,
    signatures: signatures,
    security: security,
    exitStatus: exitStatus,
    environment: environment,
    files: files,
    examples: examples,
    seeAlso: ["curl(1)", "sqlite3(1)"]
)

private let description: [ManualBlock] = [
    .paragraph(
        "`csw` keeps the webhook subscriptions of a Citizen Space site and sends the webhooks. A subscription is a URL, the events it receives and, when it is limited to some, the departments whose events it receives. Each subscription has its own signing secret."),
    .paragraph(
        "`csw fire` sends an event to every enabled subscription that matches it, as a signed HTTP POST of a JSON payload. Each delivery and each of its attempts is recorded in the store, an SQLite database. `csw deliveries` shows what happened, `csw retry` sends again what failed and is due, and `csw redeliver` sends a past delivery again."),
    .paragraph(
        "For the receiving side, `csw listen` runs a small receiver on a loopback address that prints each request and checks its signature, and `csw verify` checks one request from a shell script."),
    .paragraph(
        "A command that needs a value, such as the URL of `csw subscribe`, asks for it when standard input and standard error are terminals and `--no-input` is not given. Otherwise it fails at once with exit status 2 and names the missing option. `csw delete`, and `csw disable` of more than one subscription, ask for confirmation at a terminal and need `--yes` elsewhere."),
    .paragraph(
        "Results go to standard output; errors, warnings and prompts go to standard error. Listing commands print a table for people and take `--json` for scripts. `csw shell` runs commands at a prompt with line editing, history and Tab completion, and `csw completions` prints completion scripts for bash, zsh and fish."),
]

private let deliveries: [ManualBlock] =
    [
        .paragraph(
            "`csw fire` records one delivery for each matching subscription, in one transaction, before it sends anything. Each attempt is recorded as soon as it ends. A run that is killed leaves its unsent deliveries pending, and `csw retry` sends them. A delivery is in one of these states:"),
        .item(term: "`pending`", body: "recorded, and not sent yet or sent without an answer recorded; due at once."),
        .item(term: "`delivered`", body: "the receiver answered with a 2xx status."),
        .item(term: "`failed`", body: "the last attempt failed; it is due again at the time `csw deliveries` shows."),
        .item(term: "`exhausted`", body: "every attempt of the retry schedule failed; the delivery stays in the log."),
        .item(term: "`cancelled`", body: "stopped for good: the receiver answered 410 Gone, or the subscription was deleted."),
        .paragraph(
            "A failed delivery is due again after about 5s, 5m, 30m, 2h, 5h, 10h, 14h, 20h and 24h from its first attempt, each with up to a tenth more at random, and never sooner than a `Retry-After` header asked. `csw config set retry-schedule` changes the delays. `csw fire --retries` also retries network errors, 5xx and 429 within the run. Each attempt ends with one of these outcomes, the words `csw deliveries` and `--json` print:"),
    ] + DeliveryOutcome.allCases.map { .item(term: "`\($0.rawValue)`", body: outcomeText($0)) }
    + [
        .paragraph(
            "Redirects are never followed, since a client that follows one may resend the POST as a GET without its body; the reason names the new location and the `csw update` command that points the subscription at it. Only 410 Gone disables a subscription."),
    ]

/// What each delivery outcome means, for the man page.
private func outcomeText(_ outcome: DeliveryOutcome) -> String {
    switch outcome {
    case .delivered: return "a 2xx status; a response body cut short by its size limit or the timeout does not change that."
    case .httpError: return "a 4xx or 5xx status other than 410 and 429; the start of the response body is kept."
    case .redirect: return "a 3xx status, not followed."
    case .timeout: return "connected, but no complete response within the timeout (`--timeout`, 15s by default)."
    case .connectTimeout: return "no connection within the connect timeout (`--connect-timeout`, 5s by default)."
    case .connectFailed: return "the connection was refused or the network unreachable."
    case .connectionError: return "the connection broke before a response status arrived."
    case .dnsFailed: return "the host name could not be resolved."
    case .tlsFailed: return "the TLS handshake failed, for example on a certificate that is not trusted."
    case .blocked: return "the address guard refused the address the host resolved to (see SECURITY)."
    case .gone: return "410 Gone: the subscription is disabled, with the time and reason recorded, and its pending deliveries are cancelled."
    case .rateLimited: return "429 Too Many Requests; its `Retry-After`, in seconds or as an HTTP date, sets the earliest next attempt."
    case .invalidRequest: return "the request could not be built from the stored URL or headers; nothing was sent."
    }
}

private let signatures: [ManualBlock] = [
    .paragraph(
        "Every request carries the three headers of the Standard Webhooks specification, so that the receiver can check that it came from this site and was not changed or replayed."),
    .item(
        term: "`webhook-id`",
        body: "The delivery id. It is fixed for each event and subscription, and every retry and every `csw redeliver` of that delivery sends the same id. Receivers should remember the ids they have processed and drop a request whose id they have seen."),
    .item(
        term: "`webhook-timestamp`",
        body: "When the request was sent, in whole seconds since the Unix epoch. Receivers should reject a timestamp far from their own clock; `csw listen` and `csw verify` allow five minutes either way unless `--tolerance` says otherwise."),
    .item(
        term: "`webhook-signature`",
        body: "`v1,` followed by the base64 HMAC-SHA256 of the text `{id}.{timestamp}.{body}`, where {body} is the exact bytes of the request body. The key is the secret with its `whsec_` prefix removed, decoded from base64."),
    .paragraph(
        "After `csw rotate-secret`, the old secret keeps signing for a grace period (24 hours unless `--grace` says otherwise). During it the header holds two signatures separated by a space, one made with each secret. A receiver accepts the request when any one of them matches, so it can switch to the new secret at any moment of the grace period."),
    .paragraph(
        "A receiver must compute the signature over the raw body bytes before parsing the JSON; re-encoding the parsed body can change the bytes."),
]

private let security: [ManualBlock] = [
    .paragraph(
        "By default csw delivers only to public addresses. The sender checks the address it is about to connect to, after name resolution, and refuses loopback, private, link-local, carrier-grade NAT, unique-local and other special-purpose addresses, including IPv4 addresses written in IPv6 form. A URL cannot reach the local host, the local network or a cloud metadata service this way."),
    .paragraph(
        "`--allow-private-network` on `csw subscribe` or `csw update` lifts the guard for one subscription, for a receiver on the same host or network; `csw update --deny-private-network` restores it. Multicast, documentation and reserved addresses are refused even then."),
    .paragraph(
        "Signing secrets never appear in `csw list`, and `csw show` prints them only with `--show-secret`. Secrets are read from files or standard input, never from option values, which would stay in shell history and be visible to other users in the process list. Credentials in URLs are masked in lists, messages and the delivery log. `csw export` writes secrets; keep its output private."),
    .paragraph(
        "The store holds every secret. csw creates it readable by its owner only; keep it that way."),
]

private let exitStatus: [ManualBlock] = [
    .item(term: "0", body: "Success."),
    .item(term: "1", body: "Failure: a store, file, network or data error."),
    .item(term: "2", body: "Usage error: an unknown command or option, or a missing or invalid value. Also a prompt that was needed without a terminal."),
    .item(term: "3", body: "`csw fire`, `csw retry` or `csw redeliver` ran, and some deliveries failed."),
    .item(term: "4", body: "`csw verify`: the signature or the timestamp did not check out."),
    .item(term: "130", body: "Interrupted by Ctrl-C, or cancelled at a prompt with Ctrl-C or Ctrl-D. The store is left as it was."),
]

private let environment: [ManualBlock] = [
    .item(term: "`CSW_DB`", body: "The store to use when `--db` is not given."),
    .item(term: "`NO_COLOR`", body: "When set and not empty, output has no colour."),
    .item(
        term: "`XDG_DATA_HOME`",
        body: "When it is an absolute path and neither `--db` nor `CSW_DB` is given, the store is {$XDG_DATA_HOME}`/csw/csw.db`."),
    .item(term: "`HOME`", body: "The store is {$HOME}`/.local/share/csw/csw.db` when nothing above says otherwise."),
]

private let files: [ManualBlock] = [
    .item(term: "`~/.local/share/csw/csw.db`", body: "The store: subscriptions, secrets, settings and the delivery log, in SQLite."),
    .item(
        term: "`~/.local/share/csw/csw.db-wal`, `~/.local/share/csw/csw.db-shm`",
        body: "The write-ahead log and shared memory of the store, which SQLite keeps beside it. The folder must be writable."),
    .item(term: "`~/.local/share/csw/csw_history`", body: "The command history of `csw shell`, in the folder of the store in use."),
]

private let examples: [ManualBlock] = [
    .example(
        "Subscribe a receiver to every response event of one department, keeping the new id:",
        ["id=$(csw subscribe --url https://hooks.example.org/cs --event responses --department planning --quiet)"]),
    .example(
        "Send a test event, and a real payload from a file, byte for byte:",
        [
            "csw fire --event response_submitted --department planning",
            "csw fire --event response_submitted --data @response.json",
        ]),
    .example(
        "Try a subscription end to end on one machine: a receiver in one terminal, an event from another:",
        [
            "csw subscribe --url http://127.0.0.1:8080/hook --event '*' --allow-private-network --quiet > id",
            "csw listen --port 8080 --subscription \"$(cat id)\"",
            "csw fire --event user_created",
        ]),
    .example(
        "Retry failed deliveries every five minutes from cron:",
        ["*/5 * * * * csw retry --quiet"]),
    .example(
        "Check a request in a receiver written in shell, with the body in a file:",
        [
            "csw verify --secret-file secret.txt --id \"$id\" --timestamp \"$timestamp\" --signature \"$signature\" --body-file body.json",
        ]),
    .example(
        "Disable every subscription to submitted responses of one department, without a prompt:",
        ["csw disable --event response_submitted --department planning --yes"]),
    .example(
        "Failed deliveries of the last day as JSON, for another tool:",
        ["csw deliveries --failed --since 1d --json"]),
    .example(
        "Complete csw in the current bash session:",
        ["source <(csw completions bash)"]),
]
