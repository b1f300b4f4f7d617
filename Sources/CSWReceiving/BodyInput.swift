import CSWCore

/// Verification of a webhook saved to a file, for `csw verify`.
package enum WebhookFileVerification {
    /// Reads the body from a file, or from standard input when `path` is
    /// `-`, and verifies it with `WebhookSignature.verify` over the bytes
    /// exactly as read, final line feed included.
    ///
    /// - Throws: `SystemError` naming the path when it cannot be read.
    package static func verify(
        bodyPath: String, id: String, timestamp: String, signatureHeader: String,
        secrets: [WebhookSecret], nowSeconds: Int64 = Clock.nowMilliseconds() / 1000, toleranceSeconds: Int64 = 300
    ) throws -> VerificationResult {
        let body = try Files.read(bodyPath, maximumBytes: 16 << 20)
        return WebhookSignature.verify(
            id: id, timestamp: timestamp, signatureHeader: signatureHeader, body: body, secrets: secrets,
            nowSeconds: nowSeconds, toleranceSeconds: toleranceSeconds)
    }
}
