import COpenSSL

/// Standard Webhooks signatures: `v1,` and the base64 of HMAC-SHA256 over
/// `<webhook-id>.<webhook-timestamp>.<body bytes>`, keyed with the secret.
package enum WebhookSignature {
    /// The version tag of HMAC-SHA256 signatures.
    package static let versionPrefix = "v1,"

    /// Signs one message with one secret, returning `v1,<base64>`.
    package static func sign(id: String, timestampSeconds: Int64, body: [UInt8], secret: WebhookSecret) -> String {
        let mac = authenticationCode(id: id, timestamp: String(timestampSeconds), body: body, key: secret.key)
        return versionPrefix + Base64.encode(mac)
    }

    /// Builds a `webhook-signature` header value with one signature per
    /// secret, separated by spaces, so a receiver that has either the old or
    /// the new secret during a rotation can verify it.
    package static func signatureHeader(id: String, timestamp: Int64, body: [UInt8], secrets: [WebhookSecret]) -> String {
        secrets.map { sign(id: id, timestampSeconds: timestamp, body: body, secret: $0) }.joined(separator: " ")
    }

    /// Verifies the three Standard Webhooks headers against the raw body.
    ///
    /// The checks run in this order, and the first failure is the result:
    /// 1. All three headers are present. An empty value counts as missing.
    /// 2. The timestamp is a plain decimal integer of seconds.
    /// 3. A `v1,` entry of the signature header matches one of `secrets`,
    ///    compared in constant time. Entries of other versions are ignored.
    /// 4. The timestamp is within `toleranceSeconds` of `nowSeconds`, in the
    ///    past or the future.
    package static func verify(
        id: String, timestamp: String, signatureHeader: String, body: [UInt8],
        secrets: [WebhookSecret], nowSeconds: Int64, toleranceSeconds: Int64 = 300
    ) -> VerificationResult {
        if id.isEmpty { return .missingHeader("webhook-id") }
        if timestamp.isEmpty { return .missingHeader("webhook-timestamp") }
        if signatureHeader.isEmpty { return .missingHeader("webhook-signature") }
        guard let seconds = parseTimestamp(timestamp) else { return .malformedTimestamp }
        guard let index = matchingSecretIndex(
            id: id, timestamp: timestamp, signatureHeader: signatureHeader, body: body, secrets: secrets)
        else { return .invalidSignature }
        let age = nowSeconds.subtractingReportingOverflow(seconds)
        if age.overflow || age.partialValue > toleranceSeconds {
            return .timestampTooOld(ageSeconds: age.overflow ? Int64.max : age.partialValue)
        }
        if age.partialValue < -toleranceSeconds {
            return .timestampInFuture(seconds: -age.partialValue)
        }
        return .valid(secretIndex: index)
    }

    /// Parses a timestamp of 1 to 18 ASCII digits without a sign or a
    /// leading zero, so the text that was signed is the canonical number.
    private static func parseTimestamp(_ text: String) -> Int64? {
        let digits = Array(text.utf8)
        guard (1...18).contains(digits.count) else { return nil }
        guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        if digits.count > 1 && digits[0] == UInt8(ascii: "0") { return nil }
        return Int64(text)
    }

    /// Returns the index of the first secret that any `v1,` entry matches.
    private static func matchingSecretIndex(
        id: String, timestamp: String, signatureHeader: String, body: [UInt8], secrets: [WebhookSecret]
    ) -> Int? {
        let candidates = signatureHeader.split(separator: " ").compactMap { entry -> [UInt8]? in
            guard entry.hasPrefix(versionPrefix) else { return nil }
            guard let mac = Base64.decodeStrict(String(entry.dropFirst(versionPrefix.count))) else { return nil }
            return mac.count == 32 ? mac : nil
        }
        if candidates.isEmpty { return nil }
        for (index, secret) in secrets.enumerated() {
            let expected = authenticationCode(id: id, timestamp: timestamp, body: body, key: secret.key)
            if candidates.contains(where: { constantTimeEqual($0, expected) }) { return index }
        }
        return nil
    }

    /// Computes HMAC-SHA256 with libcrypto's one-shot `HMAC`.
    private static func authenticationCode(id: String, timestamp: String, body: [UInt8], key: [UInt8]) -> [UInt8] {
        var message: [UInt8] = []
        message.reserveCapacity(id.utf8.count + timestamp.utf8.count + body.count + 2)
        message.append(contentsOf: id.utf8)
        message.append(UInt8(ascii: "."))
        message.append(contentsOf: timestamp.utf8)
        message.append(UInt8(ascii: "."))
        message.append(contentsOf: body)

        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBuffer in
            message.withUnsafeBytes { messageBuffer in
                HMAC(
                    EVP_sha256(), keyBuffer.baseAddress, Int32(keyBuffer.count),
                    messageBuffer.bindMemory(to: UInt8.self).baseAddress, messageBuffer.count, &mac, &length)
            }
        }
        precondition(result != nil && length == 32, "HMAC-SHA256 failed")
        return Array(mac[0..<32])
    }

    private static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        return left.withUnsafeBytes { leftBuffer in
            right.withUnsafeBytes { rightBuffer in
                CRYPTO_memcmp(leftBuffer.baseAddress, rightBuffer.baseAddress, leftBuffer.count) == 0
            }
        }
    }
}

/// The outcome of checking a webhook's signature and timestamp.
package enum VerificationResult: Equatable, Sendable {
    /// A signature matched the secret at this index of the list given.
    case valid(secretIndex: Int)
    /// No `v1,` signature matched any secret.
    case invalidSignature
    /// The named header was absent or empty.
    case missingHeader(String)
    /// `webhook-timestamp` was not a plain integer of seconds.
    case malformedTimestamp
    /// The timestamp was further in the past than the tolerance allows.
    case timestampTooOld(ageSeconds: Int64)
    /// The timestamp was further in the future than the tolerance allows.
    case timestampInFuture(seconds: Int64)

    /// Whether the webhook passed every check.
    package var isValid: Bool {
        if case .valid = self { return true }
        return false
    }

    /// A one-line description for people, such as `timestamp is 600 s old`.
    package var reason: String {
        switch self {
        case .valid(let index):
            return index == 0 ? "signature valid" : "signature valid (secret \(index + 1))"
        case .invalidSignature:
            return "signature invalid: no v1 signature matches the body with the given secret"
        case .missingHeader(let name):
            return "missing \(name) header"
        case .malformedTimestamp:
            return "webhook-timestamp is not an integer number of seconds"
        case .timestampTooOld(let age):
            return "timestamp too old: \(age) s in the past"
        case .timestampInFuture(let seconds):
            return "timestamp in the future by \(seconds) s"
        }
    }
}
