import CSWCommandLine
import CSWCore

/// The body of a fired event: exact bytes, and the department they name.
struct Payload {
    /// The largest body `--data` may give: 16 MiB, far above any Citizen
    /// Space event. Many receivers refuse much less (`csw listen`, 1 MiB).
    static let maximumBytes = 16 << 20

    var body: [UInt8]
    var department: String

    /// Builds the body from `--data` or the sample with `--set` changes.
    ///
    /// A `--data` body is sent byte for byte, final newline included. Its
    /// `event` and `department_id` must agree with the options; when it has
    /// none, they are inserted right after the opening brace, and nothing
    /// else in the bytes changes.
    static func build(event: EventType, command: ParsedCommand, siteURL: String) throws -> Payload {
        if let data = command.value("data") {
            return try fromData(data, event: event, department: command.value("department"))
        }
        let department = command.value("department") ?? "demo"
        var fields = SamplePayload.fields(for: event, department: department, siteURL: siteURL)
        for setting in command.values("set") {
            let equals = setting.firstIndex(of: "=")!
            let key = String(setting[..<equals])
            let value = String(setting[setting.index(after: equals)...])
            if key == "event" && value != event.rawValue {
                throw InvalidValue("--set event=\(value) disagrees with --event \(event.rawValue); drop one of them")
            }
            if key == "department_id" && command.value("department") != nil && value != department {
                throw InvalidValue("--set department_id=\(value) disagrees with --department \(department); drop one of them")
            }
            if let index = fields.firstIndex(where: { $0.0 == key }) {
                fields[index].1 = value
            } else {
                fields.insert((key, value), at: fields.count - 1)
            }
        }
        let json = JSONValue.object(fields.map { ($0.0, .string($0.1)) })
        let finalDepartment = fields.first { $0.0 == "department_id" }?.1 ?? department
        try Department.validate(finalDepartment)
        return Payload(body: Array(json.serialized().utf8), department: finalDepartment)
    }

    private static func fromData(_ data: String, event: EventType, department: String?) throws -> Payload {
        var bytes: [UInt8]
        if data == "-" || data.hasPrefix("@") {
            let path = data == "-" ? "-" : String(data.dropFirst())
            do {
                bytes = try Files.read(path, maximumBytes: Payload.maximumBytes)
            } catch let error as SystemError {
                throw Failure("cannot read --data \(data): \(error.reason)")
            }
        } else {
            bytes = Array(data.utf8)
        }
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(bytes)
        } catch let error as JSONError {
            throw InvalidValue("--data is not valid JSON: \(error.description); send a JSON object")
        }
        guard case .object = parsed else {
            throw InvalidValue("--data contains \(parsed.typeName); send a JSON object such as {\"department_id\": \"planning\"}")
        }
        var insertions: [(String, String)] = []
        switch parsed["event"] {
        case .none: insertions.append(("event", event.rawValue))
        case .string(let name) where name == event.rawValue: break
        case .some(let other):
            throw InvalidValue("--data has \"event\": \(other.serialized()), but --event is \(event.rawValue); make them agree")
        }
        var finalDepartment: String
        switch parsed["department_id"] {
        case .none:
            guard let department else {
                throw InvalidValue("--data has no \"department_id\"; add it to the JSON or give --department")
            }
            finalDepartment = department
            insertions.append(("department_id", department))
        case .string(let found):
            if let department, department != found {
                throw InvalidValue("--data has \"department_id\": \"\(found)\", but --department is \(department); make them agree")
            }
            finalDepartment = found
        case .some(let other):
            throw InvalidValue("--data has \"department_id\": \(other.serialized()); it must be a string")
        }
        try Department.validate(finalDepartment)
        if !insertions.isEmpty { bytes = insert(insertions, into: bytes, objectIsEmpty: parsed == .object([])) }
        return Payload(body: bytes, department: finalDepartment)
    }

    /// Inserts members right after the first `{`, leaving every other byte.
    private static func insert(_ members: [(String, String)], into bytes: [UInt8], objectIsEmpty: Bool) -> [UInt8] {
        let brace = bytes.firstIndex(of: UInt8(ascii: "{"))!
        var text = members.map { JSONValue.quoted($0.0) + ":" + JSONValue.quoted($0.1) }.joined(separator: ",")
        if !objectIsEmpty { text += "," }
        var result = Array(bytes[...brace])
        result += Array(text.utf8)
        result += bytes[(brace + 1)...]
        return result
    }
}
