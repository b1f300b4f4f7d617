import CSWCommandLine
import CSWCore

// Options that several commands share, spelled once.
private let json = OptionSpec("json", help: "Print JSON for scripts instead of text.")
private let quiet = OptionSpec("quiet", short: "q", help: "Print less, for scripts: only ids where the command prints any, and no summary.")
private let dryRun = OptionSpec("dry-run", short: "n", help: "Show what would change and change nothing.")
private let yes = OptionSpec("yes", short: "y", help: "Do not ask for confirmation.")
private let showSecret = OptionSpec(
    "show-secret", help: "Also print the signing secret and the URL with its credentials unmasked.")
private let eventFilter = OptionSpec(
    "event", short: "e", value: ValueSpec("EVENT", .event),
    help: "Only subscriptions to this event, group or '*'; repeat for several.", repeatable: true)
private let departmentFilter = OptionSpec(
    "department", short: "d", value: ValueSpec("DEPARTMENT", .department),
    help: "Only subscriptions that receive events of this department; repeat for several.",
    repeatable: true)
private let concurrency = OptionSpec(
    "concurrency", value: ValueSpec("N", .integer(1...1000)),
    help: "Send at most N requests at once (default 32).")
private let timeout = OptionSpec(
    "timeout", value: ValueSpec("DURATION", .duration),
    help: "Give up on a request after this long in all (default 15s).")
private let connectTimeout = OptionSpec(
    "connect-timeout", value: ValueSpec("DURATION", .duration),
    help: "Give up on connecting after this long (default 5s).")
private let secretFiles = OptionSpec(
    "secret-file", value: ValueSpec("FILE", .file),
    help: "Read a signing secret (whsec_...) from FILE, or '-' for standard input; repeat for several.",
    repeatable: true)
private let subscriptionSecrets = OptionSpec(
    "subscription", short: "s", value: ValueSpec("ID", .subscriptionID),
    help: "Use the signing secrets of this subscription from the store; repeat for several.",
    repeatable: true)
private let tolerance = OptionSpec(
    "tolerance", value: ValueSpec("DURATION", .duration),
    help: "Accept timestamps this far from now (default 5m).")

/// The command table of csw: every command, argument and option, with the
/// text from which help, the man page and shell completions are produced.
package let cswCommandTable = CommandTable(
    program: "csw",
    version: cswVersion,
    summary: "manage and send Citizen Space webhooks",
    globalOptions: [
        OptionSpec("db", value: ValueSpec("PATH", .file), help: "Use the store at PATH instead of $CSW_DB or the default."),
        OptionSpec("no-input", help: "Never prompt; fail at once when a value is missing."),
        OptionSpec("verbose", short: "v", help: "Print SQL, HTTP and header traces on standard error, secrets redacted."),
        OptionSpec("help", short: "h", help: "Show help for the command and exit."),
    ],
    commands: documentedCommands + [helpCommand, completeCommand, manCommand]
)

/// The commands `csw help COMMAND` explains, in the order help lists them.
private let documentedCommands = [
    subscribeCommand, listCommand, showCommand, updateCommand, enableCommand, disableCommand,
    deleteCommand, rotateSecretCommand, exportCommand, importCommand, eventsCommand, fireCommand,
    retryCommand, deliveriesCommand, redeliverCommand, listenCommand, verifyCommand, configCommand,
    shellCommand, completionsCommand,
]

private let subscribeCommand = CommandSpec(
    "subscribe",
    summary: "Create a subscription: a URL that receives some events.",
    discussion: """
        Creates a subscription and prints its id. A new signing secret is made from the \
        system's secure random source and shown once, unless --secret-file supplies one. \
        A subscription with the same URL, events and departments as an existing one is \
        rejected unless --force is given.
        """,
    options: [
        OptionSpec("url", short: "u", value: ValueSpec("URL", .url), help: "The http or https URL that receives the POST requests.", required: true),
        OptionSpec("event", short: "e", value: ValueSpec("EVENT", .event), help: "An event type, a group (responses, activities, users) or '*'; repeat for several.", repeatable: true, required: true),
        OptionSpec("department", short: "d", value: ValueSpec("DEPARTMENT", .department), help: "Only events of this department; repeat for several. Without it, every department.", repeatable: true),
        OptionSpec("description", value: ValueSpec("TEXT", .text), help: "A note for people reading the list."),
        OptionSpec("secret-file", value: ValueSpec("FILE", .file), help: "Read the signing secret (whsec_...) from FILE, or '-' for standard input."),
        OptionSpec("header", short: "H", value: ValueSpec("'NAME: VALUE'", .header), help: "Send this request header too; repeat for several.", repeatable: true),
        OptionSpec("disabled", help: "Create the subscription disabled."),
        OptionSpec("allow-private-network", help: "Allow delivery to loopback, private and link-local addresses."),
        OptionSpec("ca-file", value: ValueSpec("FILE", .file), help: "Trust the certificate authorities in FILE (PEM) for this URL."),
        OptionSpec("force", short: "f", help: "Create it even when one with the same URL and scope exists."),
        quiet, json,
    ],
    examples: [
        Example("csw subscribe --url https://hooks.example.org/cs --event response_submitted --department planning", "Send every submitted response of the planning department."),
        Example("id=$(csw subscribe --url https://hooks.example.org/cs --event users --quiet)", "Keep the new id in a shell variable."),
    ]
)

private let listCommand = CommandSpec(
    "list",
    summary: "List subscriptions.",
    discussion: """
        Lists subscriptions, newest last. Secrets never appear, and credentials in URLs \
        are masked. On a terminal the output is a table; piped, it is the same table \
        without colour, or TSV or JSON on request.
        """,
    options: [
        eventFilter, departmentFilter,
        OptionSpec("enabled", help: "Only enabled subscriptions."),
        OptionSpec("disabled", help: "Only disabled subscriptions."),
        OptionSpec("format", value: ValueSpec("FORMAT", .choice(["table", "tsv", "json"])), help: "Output format: table, tsv or json (default table)."),
        json,
    ],
    exclusive: [["enabled", "disabled"], ["json", "format"]],
    examples: [
        Example("csw list --event response_submitted --department planning --enabled", "Enabled subscriptions that receive submitted responses of planning."),
        Example("csw list --format tsv | cut -f1", "Every subscription id, one a line."),
    ]
)

private let showCommand = CommandSpec(
    "show",
    summary: "Show one subscription.",
    arguments: [ArgumentSpec("ID", .subscriptionID, help: "The subscription id or a unique prefix of it.")],
    options: [showSecret, json]
)

private let updateCommand = CommandSpec(
    "update",
    summary: "Change a subscription's URL, events, departments, description or headers.",
    discussion: "Changes only what the options name. The store is left as it was when any value is invalid.",
    arguments: [ArgumentSpec("ID", .subscriptionID, help: "The subscription id or a unique prefix of it.")],
    options: [
        OptionSpec("url", short: "u", value: ValueSpec("URL", .url), help: "Send to this URL from now on."),
        OptionSpec("event", short: "e", value: ValueSpec("EVENT", .event), help: "Replace the events with these; repeat for several.", repeatable: true),
        OptionSpec("add-event", value: ValueSpec("EVENT", .event), help: "Add an event, group or '*'; repeat for several.", repeatable: true),
        OptionSpec("remove-event", value: ValueSpec("EVENT", .event), help: "Remove an event or group; repeat for several.", repeatable: true),
        OptionSpec("add-department", value: ValueSpec("DEPARTMENT", .department), help: "Limit to this department too; repeat for several.", repeatable: true),
        OptionSpec("remove-department", value: ValueSpec("DEPARTMENT", .department), help: "Stop sending events of this department; repeat for several.", repeatable: true),
        OptionSpec("all-departments", help: "Remove every department limit."),
        OptionSpec("description", value: ValueSpec("TEXT", .text), help: "Replace the description."),
        OptionSpec("header", short: "H", value: ValueSpec("'NAME: VALUE'", .header), help: "Set a request header, replacing one of the same name; repeat for several.", repeatable: true),
        OptionSpec("remove-header", value: ValueSpec("NAME", .text), help: "Stop sending a header; repeat for several.", repeatable: true),
        OptionSpec("allow-private-network", help: "Allow delivery to loopback, private and link-local addresses."),
        OptionSpec("deny-private-network", help: "Deliver to public addresses only (the default)."),
        OptionSpec("ca-file", value: ValueSpec("FILE", .file), help: "Trust the certificate authorities in FILE (PEM) for this URL."),
        OptionSpec("default-ca", help: "Go back to the system's certificate authorities."),
        OptionSpec("force", short: "f", help: "Apply it even when another subscription has the same URL and scope."),
        json,
    ],
    exclusive: [["event", "add-event"], ["event", "remove-event"], ["all-departments", "add-department"], ["allow-private-network", "deny-private-network"], ["ca-file", "default-ca"]]
)

private let bulkDiscussion = """
    Takes subscription ids, or selects subscriptions in bulk with --event and \
    --department (both must match when both are given). Prints what changed.
    """

private let enableCommand = CommandSpec(
    "enable",
    summary: "Enable subscriptions by id or in bulk by event and department.",
    discussion: bulkDiscussion,
    arguments: [ArgumentSpec("ID", .subscriptionID, help: "Subscription ids or unique prefixes.", required: false, variadic: true)],
    options: [eventFilter, departmentFilter, dryRun, yes, json]
)

private let disableCommand = CommandSpec(
    "disable",
    summary: "Disable subscriptions by id or in bulk by event and department.",
    discussion: bulkDiscussion + " On a terminal, disabling more than one subscription asks for confirmation first.",
    arguments: [ArgumentSpec("ID", .subscriptionID, help: "Subscription ids or unique prefixes.", required: false, variadic: true)],
    options: [
        eventFilter, departmentFilter,
        OptionSpec("reason", value: ValueSpec("TEXT", .text), help: "Record why (default: disabled by hand)."),
        dryRun, yes, json,
    ],
    examples: [
        Example("csw disable --event response_submitted --department planning --yes", "Switch off every response_submitted webhook of planning.")
    ]
)

private let deleteCommand = CommandSpec(
    "delete",
    summary: "Delete subscriptions.",
    discussion: "Asks for confirmation on a terminal; needs --yes otherwise. The delivery log of a deleted subscription is kept.",
    arguments: [ArgumentSpec("ID", .subscriptionID, help: "Subscription ids or unique prefixes.", variadic: true)],
    options: [yes, dryRun]
)

private let rotateSecretCommand = CommandSpec(
    "rotate-secret",
    summary: "Give a subscription a new signing secret, keeping the old one for a grace period.",
    discussion: """
        During the grace period every delivery carries two signatures, one made with \
        each secret, so the receiver can switch secrets without losing a delivery. \
        The new secret is shown once.
        """,
    arguments: [ArgumentSpec("ID", .subscriptionID, help: "The subscription id or a unique prefix of it.")],
    options: [
        OptionSpec("grace", value: ValueSpec("DURATION", .duration), help: "How long the old secret keeps signing too (default 24h; 0s ends it now)."),
        OptionSpec("secret-file", value: ValueSpec("FILE", .file), help: "Read the new secret from FILE, or '-' for standard input."),
        quiet, json,
    ]
)

private let exportCommand = CommandSpec(
    "export",
    summary: "Print every subscription as JSON, secrets included, for backups.",
    options: [OptionSpec("output", short: "o", value: ValueSpec("FILE", .file), help: "Write to FILE, readable by its owner only, instead of standard output.")]
)

private let importCommand = CommandSpec(
    "import",
    summary: "Add the subscriptions of an export file; all of them or none.",
    discussion: "Rejects the whole file when any entry is invalid or has an id, or a URL and scope, that the store already has.",
    arguments: [ArgumentSpec("FILE", .file, help: "The export file, or '-' for standard input.")],
    options: [dryRun, json]
)

private let eventsCommand = CommandSpec(
    "events",
    summary: "List the event types, their groups and what each means.",
    options: [json],
    subcommands: [
        CommandSpec(
            "show",
            summary: "Print the sample payload of an event.",
            arguments: [ArgumentSpec("EVENT", .eventType, help: "An event type.")],
            options: [OptionSpec("department", short: "d", value: ValueSpec("DEPARTMENT", .department), help: "Use this department id in the sample.")]
        )
    ]
)

private let fireCommand = CommandSpec(
    "fire",
    summary: "Send an event to every enabled subscription that matches it.",
    discussion: """
        Builds the payload (the event's sample, --data, and --set changes), records one \
        pending delivery per matching subscription, then sends them concurrently, each a \
        signed POST. The exit status is 0 when every delivery succeeded and 3 when any failed.
        """,
    options: [
        OptionSpec("event", short: "e", value: ValueSpec("EVENT", .eventType), help: "The event type to send.", required: true),
        OptionSpec("department", short: "d", value: ValueSpec("DEPARTMENT", .department), help: "The department the event belongs to (default: the department_id of --data, or demo for the sample)."),
        OptionSpec("data", value: ValueSpec("@FILE|-|JSON", .text), help: "Send this JSON object instead of the sample: @FILE, '-' for standard input, or inline."),
        OptionSpec("set", value: ValueSpec("KEY=VALUE", .keyValue), help: "Set a top-level string field of the sample; repeat for several.", repeatable: true),
        OptionSpec("to", value: ValueSpec("ID", .subscriptionID), help: "Send only to this subscription; repeat for several.", repeatable: true),
        OptionSpec("retries", value: ValueSpec("N", .integer(0...10)), help: "Retry network errors, 5xx and 429 up to N times in this run (default 0)."),
        concurrency, timeout, connectTimeout, dryRun, json, quiet,
    ],
    exclusive: [["data", "set"]],
    examples: [
        Example("csw fire --event response_submitted --department planning", "Send the sample to every matching subscription."),
        Example("csw fire --event response_submitted --data @response.json", "Send a real payload, byte for byte."),
    ]
)

private let retryCommand = CommandSpec(
    "retry",
    summary: "Send every pending or failed delivery that is due.",
    discussion: "For cron or a systemd timer. Each delivery keeps its webhook-id, so receivers can drop duplicates.",
    options: [concurrency, timeout, connectTimeout, dryRun, json, quiet]
)

private let deliveriesCommand = CommandSpec(
    "deliveries",
    summary: "List deliveries and their outcomes.",
    options: [
        OptionSpec("subscription", short: "s", value: ValueSpec("ID", .subscriptionID), help: "Only deliveries to this subscription."),
        OptionSpec("event", short: "e", value: ValueSpec("EVENT", .event), help: "Only deliveries of this event or group."),
        OptionSpec("failed", help: "Only deliveries that have not succeeded."),
        OptionSpec("since", value: ValueSpec("DURATION", .duration), help: "Only deliveries created within this long ago, such as 1h."),
        OptionSpec("limit", value: ValueSpec("N", .integer(1...1_000_000)), help: "Print at most N, newest first (default 100)."),
        json,
    ],
    subcommands: [
        CommandSpec(
            "show",
            summary: "Show one delivery and each of its attempts.",
            arguments: [ArgumentSpec("ID", .deliveryID, help: "The delivery id (its webhook-id) or a unique prefix of it.")],
            options: [json]
        )
    ]
)

private let redeliverCommand = CommandSpec(
    "redeliver",
    summary: "Send a past delivery again, with the same webhook-id and body.",
    arguments: [ArgumentSpec("ID", .deliveryID, help: "The delivery id or a unique prefix of it.")],
    options: [timeout, connectTimeout, json]
)

private let listenCommand = CommandSpec(
    "listen",
    summary: "Receive webhooks on 127.0.0.1, print them and check their signatures.",
    discussion: "A small HTTP/1.1 receiver for tests, demos and shell scripts. It answers each request with 204, or 401 when its signature does not verify, or with --status. It exits 0 after --count requests that all verified, 4 when any did not, and 130 when stopped with Ctrl-C or SIGTERM.",
    options: [
        OptionSpec("port", short: "p", value: ValueSpec("PORT", .integer(0...65535)), help: "Listen on this port (default 8080; 0 picks a free one)."),
        OptionSpec("host", value: ValueSpec("ADDRESS", .choice(["127.0.0.1", "::1"])), help: "Listen on this loopback address (default 127.0.0.1)."),
        secretFiles, subscriptionSecrets,
        OptionSpec("status", value: ValueSpec("CODE", .integer(200...599)), help: "Answer every request with this HTTP status, 200 to 599."),
        OptionSpec("count", value: ValueSpec("N", .integer(1...1_000_000)), help: "Exit after N requests."),
        tolerance, json,
    ]
)

private let verifyCommand = CommandSpec(
    "verify",
    summary: "Check a webhook's signature and timestamp, for receivers written in shell.",
    discussion: "Exits 0 when a signature matches a secret and the timestamp is fresh, and 4 with the reason otherwise. The body comes from --body-file or standard input, as raw bytes.",
    options: [
        secretFiles, subscriptionSecrets,
        OptionSpec("id", value: ValueSpec("ID", .text), help: "The webhook-id header.", required: true),
        OptionSpec("timestamp", value: ValueSpec("SECONDS", .text), help: "The webhook-timestamp header.", required: true),
        OptionSpec("signature", value: ValueSpec("SIGNATURES", .text), help: "The webhook-signature header: space-separated v1,... values.", required: true),
        OptionSpec("body-file", value: ValueSpec("FILE", .file), help: "Read the body from FILE instead of standard input."),
        tolerance, quiet,
    ]
)

private let configCommand = CommandSpec(
    "config",
    summary: "Show or change settings kept in the store.",
    discussion: "Settings: site-url (the base of api_url in sample payloads, default https://demo.citizenspace.com) and retry-schedule (comma-separated delays after the first attempt).",
    subcommands: [
        CommandSpec("get", summary: "Print one setting.", arguments: [ArgumentSpec("KEY", .choice(["site-url", "retry-schedule"]), help: "The setting.")]),
        CommandSpec(
            "set", summary: "Change one setting.",
            arguments: [
                ArgumentSpec("KEY", .choice(["site-url", "retry-schedule"]), help: "The setting."),
                ArgumentSpec("VALUE", .text, help: "Its new value."),
            ]),
        CommandSpec("list", summary: "Print every setting.", options: [json]),
    ]
)

private let shellCommand = CommandSpec(
    "shell",
    summary: "Run csw commands at an interactive prompt with line editing and history.",
    discussion: "Type commands without the word csw. Tab completes commands, options, events, departments and ids. History is kept beside the store."
)

private let completionsCommand = CommandSpec(
    "completions",
    summary: "Print the completion script for bash, zsh or fish.",
    arguments: [ArgumentSpec("SHELL", .choice(["bash", "zsh", "fish"]), help: "The shell.")],
    examples: [Example("source <(csw completions bash)", "Complete csw in the current bash session.")]
)

private let helpCommand = CommandSpec(
    "help",
    summary: "Show help for csw or for one command.",
    arguments: [
        ArgumentSpec("COMMAND", .choice(documentedCommands.map(\.name) + ["help"]), help: "The command to explain.", required: false),
        ArgumentSpec("SUBCOMMAND", .text, help: "Its subcommand, such as 'show' for 'csw help events show'.", required: false),
    ]
)

/// Prints candidates for shell completion; the completion scripts call it.
private let completeCommand = CommandSpec(
    "__complete",
    summary: "Print completion candidates of one kind, one a line.",
    arguments: [
        ArgumentSpec("KIND", .choice(["subscriptions", "departments", "deliveries", "events"]), help: "What to complete."),
        ArgumentSpec("PREFIX", .text, help: "What has been typed so far.", required: false),
    ],
    hidden: true
)

/// Prints the man page; `make` and a test compare it with man/csw.1.
private let manCommand = CommandSpec(
    "__man", summary: "Print the man page in roff.", hidden: true
)
