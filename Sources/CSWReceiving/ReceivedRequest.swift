import CSWCore

/// A complete request the listener received and responded to.
package struct ReceivedRequest: Sendable {
    package let method: String
    /// The request target as sent, such as `/hooks?source=test`.
    package let target: String
    package let version: String
    /// Header fields in the order received, with names as spelled.
    package let headers: [HTTPHeader]
    /// The body exactly as received.
    package let body: [UInt8]
    /// The client's address, such as `127.0.0.1:53122`.
    package let remoteAddress: String
    /// Wall-clock milliseconds since the epoch when the request completed.
    package let receivedMilliseconds: Int64
    /// The signature check, or nil when the listener had no secrets.
    package let verification: VerificationResult?
    /// The status of the listener's response.
    package let responseStatus: Int
    /// The event name: the top-level `event`, `type` or `event_type` string
    /// of a JSON body, in that order of preference, or nil.
    package let event: String?

    package init(
        request: HTTPRequest, remoteAddress: String, receivedMilliseconds: Int64,
        verification: VerificationResult?, responseStatus: Int
    ) {
        method = request.head.method
        target = request.head.target
        version = request.head.version
        headers = request.head.headers
        body = request.body
        self.remoteAddress = remoteAddress
        self.receivedMilliseconds = receivedMilliseconds
        self.verification = verification
        self.responseStatus = responseStatus
        event = Self.eventName(in: request.body)
    }

    /// Returns the first header value with this name, compared without regard to case.
    package func value(of name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The target without its query string.
    package var path: String {
        String(target.prefix { $0 != "?" })
    }

    /// The `webhook-id` header, or nil when absent.
    package var webhookID: String? { value(of: "webhook-id") }

    private static func eventName(in body: [UInt8]) -> String? {
        guard let document = try? JSONParser.parse(body) else { return nil }
        for key in ["event", "type", "event_type"] {
            if let value = document[key]?.stringValue { return value }
        }
        return nil
    }

    /// One line for a terminal, such as
    /// `2026-12-04T15:24:25Z POST /hooks event=response_created id=msg_1 status=204 signature valid`.
    /// Control characters from the request are shown as `?`, so a request
    /// cannot move the cursor or change colours.
    package var summaryLine: String {
        var parts = [Clock.iso8601(milliseconds: receivedMilliseconds), method, path]
        if let event { parts.append("event=\(event)") }
        if let webhookID { parts.append("id=\(webhookID)") }
        parts.append("bytes=\(body.count)")
        parts.append("status=\(responseStatus)")
        parts.append(verification?.reason ?? "not verified")
        return parts.map(Self.printable).joined(separator: " ")
    }

    /// The request as a JSON object: time, method, target, headers (names
    /// lower-cased, repeated fields joined with `, `), the body as text when
    /// it is valid UTF-8 and always as base64, and the verification result.
    package var jsonValue: JSONValue {
        .object([
            ("time", .string(Clock.iso8601(milliseconds: receivedMilliseconds))),
            ("received_ms", .integer(receivedMilliseconds)),
            ("remote", .string(remoteAddress)),
            ("method", .string(method)),
            ("target", .string(target)),
            ("status", .integer(responseStatus)),
            ("event", .optional(event)),
            ("webhook_id", .optional(webhookID)),
            ("headers", headersJSON),
            ("body", .optional(String(validating: body, as: UTF8.self))),
            ("body_base64", .string(Base64.encode(body))),
            ("verification", verificationJSON),
        ])
    }

    /// `jsonValue` as compact JSON on one line.
    package var jsonObject: String { jsonValue.serialized() }

    private var headersJSON: JSONValue {
        var names: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            if values[name] == nil { names.append(name) }
            values[name, default: []].append(header.value)
        }
        return .object(names.map { ($0, .string(values[$0]!.joined(separator: ", "))) })
    }

    private var verificationJSON: JSONValue {
        guard let verification else { return .null }
        var members: [(String, JSONValue)] = [
            ("valid", .bool(verification.isValid)),
            ("result", .string(verification.code)),
            ("reason", .string(verification.reason)),
        ]
        if case .valid(let index) = verification { members.append(("secret_index", .integer(index))) }
        return .object(members)
    }

    private static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? "?" : Character(scalar)
        })
    }
}

extension VerificationResult {
    /// A stable machine-readable name for the result, such as `timestamp_too_old`.
    package var code: String {
        switch self {
        case .valid: return "valid"
        case .invalidSignature: return "invalid_signature"
        case .missingHeader: return "missing_header"
        case .malformedTimestamp: return "malformed_timestamp"
        case .timestampTooOld: return "timestamp_too_old"
        case .timestampInFuture: return "timestamp_in_future"
        }
    }
}

/// A request the listener rejected before it was complete: malformed,
/// too large, or too slow.
package struct RejectedRequest: Sendable, Equatable {
    /// The client's address, such as `127.0.0.1:53122`.
    package let remoteAddress: String
    /// The status sent, such as 408 or 413.
    package let status: Int
    package let reason: String
    /// Wall-clock milliseconds since the epoch when the request was rejected.
    package let rejectedMilliseconds: Int64

    /// One line for a terminal, such as
    /// `2026-12-04T15:24:25Z rejected 127.0.0.1:53122 status=413 body of 4096 bytes exceeds ...`.
    package var summaryLine: String {
        "\(Clock.iso8601(milliseconds: rejectedMilliseconds)) rejected \(remoteAddress) status=\(status) \(reason)"
    }
}
