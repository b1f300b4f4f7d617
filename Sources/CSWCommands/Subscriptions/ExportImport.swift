import CSWCommandLine
import CSWCore
import CSWStore

#if canImport(Glibc)
import Glibc
#endif

/// The version of the export format that `csw export` writes.
private let exportFormatVersion: Int64 = 1

/// `csw export`: every subscription as JSON, secrets included.
func runExport(_ context: CommandContext) throws -> ExitStatus {
    let subscriptions = try context.store(forWriting: false).subscriptions()
    let entries: [JSONValue] = subscriptions.map { subscription in
        var entry = SubscriptionText.json(subscription, revealSecrets: true)
        if case .object(var members) = entry {
            members.removeAll { $0.0 == "secret_fingerprint" || $0.0 == "previous_secret" || $0.0 == "previous_secret_expires_at" }
            entry = .object(members)
        }
        return entry
    }
    let document = JSONValue.object([
        ("format", .string("csw-export")),
        ("version", .integer(exportFormatVersion)),
        ("exported_at", .string(Clock.iso8601(milliseconds: Clock.nowMilliseconds()))),
        ("subscriptions", .array(entries)),
    ])
    let text = document.prettyPrinted() + "\n"
    if let path = context.command.value("output") {
        // The export contains signing secrets, so only its owner may read it.
        // An existing file is made private before the secrets go into it.
        _ = chmod(path, 0o600)
        try Files.write(Array(text.utf8), to: path, mode: 0o600)
        context.note("Exported \(plural(subscriptions.count, "subscription")) to \(path).")
    } else {
        context.output.write(text)
    }
    return .success
}

/// `csw import`: adds every subscription of an export file, or none.
func runImport(_ context: CommandContext) throws -> ExitStatus {
    let path = context.command.argument("FILE")!
    let bytes: [UInt8]
    do {
        // An export of 100,000 subscriptions is about 70 MiB.
        bytes = try Files.read(path, maximumBytes: 512 << 20)
    } catch let error as SystemError {
        throw Failure("cannot read \(path): \(error.reason)")
    }
    let document: JSONValue
    do {
        document = try JSONParser.parse(bytes)
    } catch let error as JSONError {
        throw Failure("\(path) is not valid JSON: \(error.description)")
    }
    guard let entries = document["subscriptions"]?.arrayValue else {
        throw Failure("\(path) is not a csw export: it has no \"subscriptions\" array; make one with 'csw export'")
    }
    if let format = document["format"], format != .string("csw-export") {
        throw Failure("\(path) is not a csw export: its \"format\" is \(format.serialized()), not \"csw-export\"; make one with 'csw export'")
    }
    if let version = document["version"]?.integerValue, version > exportFormatVersion {
        throw Failure("\(path) has export format version \(version), newer than this csw reads (\(exportFormatVersion)); use a newer csw")
    }
    var subscriptions: [Subscription] = []
    for (index, entry) in entries.enumerated() {
        do {
            subscriptions.append(try importedSubscription(entry))
        } catch let error as ReportableError {
            let id = entry["id"]?.stringValue.map { " (\($0))" } ?? ""
            throw Failure("entry \(index + 1)\(id) of \(path): \(error.message); nothing was imported")
        }
    }
    try checkDuplicatesWithinFile(subscriptions, path: path)

    let store = try context.store(forWriting: !context.command.flag("dry-run"), creating: true)
    try store.write {
        for subscription in subscriptions {
            if try store.subscription(id: subscription.id) != nil {
                throw Failure("\(path): subscription \(subscription.id) is already in the store; delete it first or remove it from the file; nothing was imported")
            }
            if let existing = try store.duplicate(of: subscription) {
                throw Failure("\(path): \(subscription.id) has the same URL, events and departments as \(existing) in the store; nothing was imported")
            }
            if !context.command.flag("dry-run") { try store.insert(subscription) }
        }
    }
    if context.command.flag("json") {
        context.output.line(JSONValue.array(subscriptions.map { .string($0.id) }).serialized())
    } else if context.command.flag("dry-run") {
        context.output.line("would import \(plural(subscriptions.count, "subscription")); nothing was changed (--dry-run)")
    } else {
        context.output.line("imported \(plural(subscriptions.count, "subscription"))")
    }
    return .success
}

private func checkDuplicatesWithinFile(_ subscriptions: [Subscription], path: String) throws {
    var ids = Set<String>()
    var scopes: [String: String] = [:]
    for subscription in subscriptions {
        if !ids.insert(subscription.id).inserted {
            throw Failure("\(path): subscription \(subscription.id) appears twice; nothing was imported")
        }
        if let first = scopes[subscription.scope] {
            throw Failure("\(path): \(subscription.id) has the same URL, events and departments as \(first); nothing was imported")
        }
        scopes[subscription.scope] = subscription.id
    }
}

/// One export entry, checked as strictly as `csw subscribe` checks options.
private func importedSubscription(_ entry: JSONValue) throws -> Subscription {
    func string(_ name: String) throws -> String {
        guard let value = entry[name]?.stringValue else { throw InvalidValue("\"\(name)\" is missing or not a string") }
        return value
    }
    /// Returns an optional free-text field, checked as `--description` is checked.
    func text(_ name: String) throws -> String? {
        guard let field = entry[name], field != .null else { return nil }
        guard let value = field.stringValue else {
            throw InvalidValue("\"\(name)\" is \(field.typeName); write a string")
        }
        do {
            try ValueKind.text.validate(value)
        } catch let error as InvalidValue {
            throw InvalidValue("\"\(name)\": \(error.message)")
        }
        return value
    }
    /// Returns an optional boolean field, rejecting any other JSON type.
    func bool(_ name: String, default value: Bool) throws -> Bool {
        guard let field = entry[name] else { return value }
        guard let flag = field.boolValue else {
            throw InvalidValue("\"\(name)\" is \(field.typeName); write true or false")
        }
        return flag
    }
    /// Returns an optional time field in the form `csw export` writes.
    func time(_ name: String) throws -> Int64? {
        guard let field = entry[name], field != .null else { return nil }
        guard let text = field.stringValue, let milliseconds = Clock.parseISO8601(text) else {
            throw InvalidValue("\"\(name)\" is \(field.serialized()); write a UTC time such as \"2026-12-04T15:24:25Z\"")
        }
        return milliseconds
    }
    let id = try string("id")
    guard id.hasPrefix("sub_"), id.count > 4, id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }) else {
        throw InvalidValue("invalid id '\(WebhookURL.printable(id))': ids look like sub_7k2m9q4x8c1d")
    }
    let url = try WebhookURL(try string("url"))
    let allowPrivate = try bool("allow_private_network", default: false)
    if let address = AddressPolicy.literalAddress(host: url.host), let reason = AddressPolicy.rejection(for: address, allowPrivateNetwork: allowPrivate) {
        throw InvalidValue(reason)
    }
    guard let eventValues = entry["events"]?.arrayValue, !eventValues.isEmpty else {
        throw InvalidValue("\"events\" must be a non-empty array of event names")
    }
    let events = try EventSelector.resolve(try eventValues.map { value -> String in
        guard let name = value.stringValue else { throw InvalidValue("\"events\" contains \(value.typeName), not an event name") }
        return name
    })
    let departments = try (entry["departments"]?.arrayValue ?? []).map { value -> String in
        guard let department = value.stringValue else { throw InvalidValue("\"departments\" contains \(value.typeName), not a department id") }
        try Department.validate(department)
        return department
    }
    let secret = try WebhookSecret.parse(try string("secret"))
    let headers = try (entry["headers"]?.arrayValue ?? []).map { value -> HeaderField in
        guard let name = value["name"]?.stringValue, let headerValue = value["value"]?.stringValue else {
            throw InvalidValue("each header needs a \"name\" and a \"value\" string")
        }
        return try HeaderField(name: name, value: headerValue)
    }
    let created = try time("created_at") ?? Clock.nowMilliseconds()
    // Checked even for an enabled entry, which does not use it.
    let disabledAt = try time("disabled_at")
    var subscription = Subscription(
        id: id, url: url.text, events: events, departments: departments,
        description: try text("description") ?? "", secret: secret.text, headers: headers,
        enabled: try bool("enabled", default: true), allowPrivateNetwork: allowPrivate,
        caFile: try entry["ca_file"]?.stringValue.map(Inputs.caFile), createdAt: created,
        updatedAt: try time("updated_at"))
    if !subscription.enabled {
        subscription.disabledAt = disabledAt ?? created
        subscription.disabledReason = try text("disabled_reason")
    }
    return subscription
}
