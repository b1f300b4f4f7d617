import CSWCore

/// A complete request the listener received and answered.
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
    /// The status the listener answered with.
    package let responseStatus: Int

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

    /// The event name: the top-level `event`, `type` or `event_type` string
    /// of a JSON body, in that order of preference, or nil.
    package var event: String? {
        for key in ["event", "type", "event_type"] {
            if let value = JSONPeek.topLevelString(key, in: body) { return value }
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

    /// A JSON object on one line with the time, method, target, headers
    /// (names lower-cased, repeated fields joined with `, `), the body as
    /// text when it is valid UTF-8 and always as base64, and the
    /// verification result.
    package var jsonObject: String {
        var members: [(String, String)] = [
            ("time", JSONText.quote(Clock.iso8601(milliseconds: receivedMilliseconds))),
            ("received_ms", String(receivedMilliseconds)),
            ("remote", JSONText.quote(remoteAddress)),
            ("method", JSONText.quote(method)),
            ("target", JSONText.quote(target)),
            ("status", String(responseStatus)),
            ("event", event.map(JSONText.quote) ?? "null"),
            ("webhook_id", webhookID.map(JSONText.quote) ?? "null"),
            ("headers", headersJSON),
            ("body", String(validating: body, as: UTF8.self).map(JSONText.quote) ?? "null"),
            ("body_base64", JSONText.quote(Base64.encode(body))),
        ]
        members.append(("verification", verificationJSON))
        return "{" + members.map { "\(JSONText.quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    private var headersJSON: String {
        var names: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            if values[name] == nil { names.append(name) }
            values[name, default: []].append(header.value)
        }
        let members = names.map { "\(JSONText.quote($0)):\(JSONText.quote(values[$0]!.joined(separator: ", ")))" }
        return "{" + members.joined(separator: ",") + "}"
    }

    private var verificationJSON: String {
        guard let verification else { return "null" }
        var members = [
            "\"valid\":\(verification.isValid)",
            "\"result\":\(JSONText.quote(verification.code))",
            "\"reason\":\(JSONText.quote(verification.reason))",
        ]
        if case .valid(let index) = verification { members.append("\"secret_index\":\(index)") }
        return "{" + members.joined(separator: ",") + "}"
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
