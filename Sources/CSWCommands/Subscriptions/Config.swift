import CSWCommandLine
import CSWCore
import CSWStore

/// Settings kept in the store, with their defaults and checks.
enum Settings {
    static let keys = ["site-url", "retry-schedule"]

    /// Delays after the first attempt at which a failed delivery is tried
    /// again; after the last, it is exhausted.
    static let defaultRetrySchedule = "5s,5m,30m,2h,5h,10h,14h,20h,24h"

    static func defaultValue(_ key: String) -> String {
        key == "site-url" ? SamplePayload.defaultSiteURL : defaultRetrySchedule
    }

    /// The base URL of the Citizen Space site, for `api_url` in samples.
    static func siteURL(_ context: CommandContext) throws -> String {
        try context.store(forWriting: false).setting("site-url") ?? SamplePayload.defaultSiteURL
    }

    /// The retry schedule in milliseconds after the first attempt.
    static func retrySchedule(_ store: Store) throws -> [Int64] {
        try parseSchedule(try store.setting("retry-schedule") ?? defaultRetrySchedule)
    }

    static func parseSchedule(_ text: String) throws -> [Int64] {
        let delays = try text.split(separator: ",", omittingEmptySubsequences: false).map { word in
            try DurationText.milliseconds(String(word).trimmingSpacesAndTabs())
        }
        guard !delays.isEmpty, delays.allSatisfy({ $0 > 0 }), zip(delays, delays.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw InvalidValue("invalid retry schedule '\(text)': give increasing durations separated by commas, such as \(defaultRetrySchedule)")
        }
        return delays
    }

    /// Checks a value before it is stored.
    static func validate(_ key: String, _ value: String) throws {
        switch key {
        case "site-url":
            let url = try WebhookURL(value)
            if url.userInfo != nil { throw InvalidValue("the site URL must not carry credentials; remove the user:password@ part") }
            if url.pathAndQuery.contains("?") {
                throw InvalidValue("the site URL must not have a query, since api_url paths are added to its end; remove the ?... part")
            }
        default:
            _ = try parseSchedule(value)
        }
    }
}

/// `csw config get`.
func runConfigGet(_ context: CommandContext) throws -> ExitStatus {
    let key = context.command.argument("KEY")!
    context.output.line(try context.store(forWriting: false).setting(key) ?? Settings.defaultValue(key))
    return .success
}

/// `csw config set`.
func runConfigSet(_ context: CommandContext) throws -> ExitStatus {
    let key = context.command.argument("KEY")!
    let value = context.command.argument("VALUE")!
    try Settings.validate(key, value)
    // Stored without the spaces a user may type after the commas.
    let stored = key == "retry-schedule"
        ? value.split(separator: ",").map { String($0).trimmingSpacesAndTabs() }.joined(separator: ",") : value
    let store = try context.store(forWriting: true, creating: true)
    try store.write { try store.setSetting(key, to: stored) }
    return .success
}

/// `csw config list`.
func runConfigList(_ context: CommandContext) throws -> ExitStatus {
    let store = try context.store(forWriting: false)
    var members: [(String, JSONValue)] = []
    for key in Settings.keys {
        members.append((key, .string(try store.setting(key) ?? Settings.defaultValue(key))))
    }
    if context.command.flag("json") {
        context.output.line(JSONValue.object(members).prettyPrinted())
    } else {
        for (key, value) in members { context.output.line("\(key)\t\(value.stringValue!)") }
    }
    return .success
}
