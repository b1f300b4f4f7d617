import Foundation
import Testing

/// Starts a receiver with one subscription to response_submitted for every department.
private func setUp() throws -> (Sandbox, Receiver) {
    let sandbox = try Sandbox()
    let receiver = try Receiver(sandbox)
    try sandbox.subscribe(receiver.url("/hook"))
    return (sandbox, receiver)
}

/// Returns the one request the receiver read, or throws when there is not exactly one.
private func onlyRecord(_ receiver: Receiver) throws -> ReceivedRecord {
    let records = try receiver.records()
    guard records.count == 1 else { throw HarnessError("expected one request, the receiver read \(records.count)") }
    return records[0]
}

/// A --data or --set value that csw must reject, and the part of the error
/// message that names the reason.
struct RejectedData: CustomTestStringConvertible, Sendable {
    let name: String
    let value: String
    let extra: [String]
    let messagePart: String

    var testDescription: String { name }
}

@Suite("Fire: the body arrives byte for byte")
struct FirePayloadTests {
    @Test("--data @file arrives byte-identical")
    func dataFileIdentical() throws {
        let (sandbox, receiver) = try setUp()
        let text = #"{"event":"response_submitted","department_id":"planning","score":2.50,"b":1,"a":2}"#
        let path = try sandbox.write("r.json", text)
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--data", "@" + path])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let record = try onlyRecord(receiver)
        #expect(record.body == Data(text.utf8))
        #expect(record.value(of: "content-length") == String(text.utf8.count))
    }

    @Test("final newline of --data file kept")
    func finalNewlineKept() throws {
        let (sandbox, receiver) = try setUp()
        let text = "{\"event\":\"response_submitted\",\"department_id\":\"planning\",\"n\":1}\n"
        let path = try sandbox.write("nl.json", text)

        let dry = try sandbox.csw(["fire", "--event", "response_submitted", "--data", "@" + path, "--dry-run", "--json"])
        #expect(dry.status == 0, "stderr: \(dry.stderr)")
        let plan = try jsonObject(dry.stdout)
        #expect(plan["body_length"] as? Int == text.utf8.count)
        let lastBytes = plan["body_last_bytes"] as? [Int] ?? []
        #expect(lastBytes.last == 10)
        #expect(lastBytes == Array(text.utf8.suffix(lastBytes.count)).map(Int.init))

        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--data", "@" + path])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let record = try onlyRecord(receiver)
        #expect(record.body == Data(text.utf8))
        #expect(record.body.last == 10)
    }

    @Test("--data from standard input arrives byte-identical")
    func dataFromStandardInput() throws {
        let (sandbox, receiver) = try setUp()
        let text = "{ \"department_id\" : \"planning\" ,\n  \"event\":\"response_submitted\", \"x\": [1, 2.0e3] }\n\n"
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--data", "-"], stdin: Data(text.utf8))
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        #expect(try onlyRecord(receiver).body == Data(text.utf8))
    }

    @Test("--set value arrives as exact UTF-8")
    func setValueUTF8() throws {
        let (sandbox, receiver) = try setUp()
        let note = "Café 🚀 naïve"
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning", "--set", "note=\(note)"])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let record = try onlyRecord(receiver)
        #expect(record.value(of: "content-length") == String(record.body.count))
        let expectedMember = Data("\"note\":\"\(note)\"".utf8)
        #expect(record.body.range(of: expectedMember) != nil, "body: \(String(decoding: record.body, as: UTF8.self))")
        let parsed = try JSONSerialization.jsonObject(with: record.body) as? [String: Any]
        #expect(parsed?["note"] as? String == note)
        #expect(parsed?["event"] as? String == "response_submitted")
        #expect(parsed?["department_id"] as? String == "planning")
    }

    @Test("--data without event and department_id gets both")
    func missingFieldsFilled() throws {
        let (sandbox, receiver) = try setUp()
        let text = #"{"score":2.50,"nested":{"event":"other"}}"#
        let fired = try sandbox.csw([
            "fire", "--event", "response_submitted", "--department", "planning", "--data", text,
        ])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        let body = String(decoding: try onlyRecord(receiver).body, as: UTF8.self)
        let parsed = try jsonObject(body)
        #expect(parsed["event"] as? String == "response_submitted")
        #expect(parsed["department_id"] as? String == "planning")
        // The original members keep their bytes, 2.50 included.
        #expect(body.hasSuffix(#""score":2.50,"nested":{"event":"other"}}"#), "body: \(body)")
    }

    @Test("department_id in --data chooses the recipients")
    func dataDepartmentChoosesRecipients() throws {
        let sandbox = try Sandbox()
        let receiver = try Receiver(sandbox)
        try sandbox.subscribe(receiver.url("/housing"), departments: ["housing"])
        try sandbox.subscribe(receiver.url("/planning"), departments: ["planning"])
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--data", #"{"department_id":"housing"}"#])
        #expect(fired.status == 0, "stderr: \(fired.stderr)")
        #expect(try receiver.records().map(\.path) == ["/housing"])
    }

    static let rejectedData: [RejectedData] = [
        RejectedData(name: "event disagrees", value: #"{"event":"user_created","department_id":"planning"}"#, extra: [], messagePart: "user_created"),
        RejectedData(name: "department disagrees", value: #"{"department_id":"housing"}"#, extra: ["--department", "planning"], messagePart: "housing"),
        RejectedData(name: "array", value: "[1,2]", extra: ["--department", "planning"], messagePart: "array"),
        RejectedData(name: "string", value: #""text""#, extra: ["--department", "planning"], messagePart: "JSON object"),
        RejectedData(name: "not JSON", value: "{event:", extra: ["--department", "planning"], messagePart: "not valid JSON"),
        RejectedData(name: "no department anywhere", value: "{}", extra: [], messagePart: "department_id"),
    ]

    @Test("invalid --data exits 2 and sends nothing", arguments: rejectedData)
    func invalidDataRejected(_ testCase: RejectedData) throws {
        let (sandbox, receiver) = try setUp()
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--data", testCase.value] + testCase.extra)
        #expect(fired.status == 2)
        #expect(fired.stderr.contains(testCase.messagePart), "stderr: \(fired.stderr)")
        #expect(try receiver.records().isEmpty)
        #expect(try sandbox.deliveries().isEmpty)
    }

    static let rejectedSettings: [RejectedData] = [
        RejectedData(name: "department with a line feed", value: "department_id=plan\nning", extra: [], messagePart: "control character"),
        RejectedData(name: "empty department", value: "department_id=", extra: [], messagePart: "empty"),
        RejectedData(name: "department disagrees", value: "department_id=housing", extra: ["--department", "planning"], messagePart: "disagrees"),
        RejectedData(name: "event disagrees", value: "event=user_created", extra: ["--department", "planning"], messagePart: "disagrees"),
    ]

    @Test("invalid --set exits 2 and sends nothing", arguments: rejectedSettings)
    func invalidSetRejected(_ testCase: RejectedData) throws {
        let (sandbox, receiver) = try setUp()
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--set", testCase.value] + testCase.extra)
        #expect(fired.status == 2)
        #expect(fired.stderr.contains(testCase.messagePart), "stderr: \(fired.stderr)")
        #expect(try receiver.records().isEmpty)
        #expect(try sandbox.deliveries().isEmpty)
    }
}
