/// An HMAC-SHA256 key for Standard Webhooks signatures, written as `whsec_`
/// followed by the base64 of the key bytes.
///
/// A key is 24 to 64 bytes (192 to 512 bits), the same for generated and
/// user-supplied secrets. Text without the `whsec_` prefix is rejected
/// rather than taken as a raw password, because a password is not random
/// key material and the receiver would have to guess how to turn it into
/// bytes. Error messages never contain the secret or any part of it.
package struct WebhookSecret: Equatable, Sendable, CustomStringConvertible {
    /// The prefix that marks the text form of a secret.
    package static let prefix = "whsec_"
    /// The minimum key length in bytes.
    package static let minimumKeyLength = 24
    /// The maximum key length in bytes.
    package static let maximumKeyLength = 64
    /// The number of random bytes in a generated secret.
    package static let generatedKeyLength = 32

    /// The decoded key bytes, never empty.
    package let key: [UInt8]

    private init(key: [UInt8]) {
        self.key = key
    }

    /// The text form: `whsec_` and the base64 of the key.
    package var text: String { Self.prefix + Base64.encode(key) }

    /// A redacted form for string interpolation, so that a secret printed by
    /// mistake shows only its fingerprint.
    package var description: String { "whsec_… (fingerprint \(fingerprint))" }

    /// Creates a secret of 32 bytes from the kernel's random source.
    package static func generate() -> WebhookSecret {
        WebhookSecret(key: System.randomBytes(count: generatedKeyLength))
    }

    /// Parses the text form of a secret, such as a command-line value.
    ///
    /// - Throws: `InvalidValue` whose message names the problem without
    ///   repeating the secret.
    package static func parse(_ text: String) throws(InvalidValue) -> WebhookSecret {
        try parse(text, source: "webhook secret")
    }

    /// Parses a secret read from a file. Exactly one final line feed is
    /// dropped. Any other whitespace, including a carriage return from a
    /// CRLF line end, is rejected, because silently trimming it would hide
    /// a mangled copy.
    ///
    /// - Parameter source: how the message names the file, such as its path.
    /// - Throws: `InvalidValue` naming `source`, never the secret.
    package static func parseFileContents(_ bytes: [UInt8], source: String) throws -> WebhookSecret {
        let subject = "webhook secret in \(source)"
        var contents = bytes[...]
        if contents.last == UInt8(ascii: "\n") { contents.removeLast() }
        guard let text = String(validating: contents, as: UTF8.self) else {
            throw InvalidValue("\(subject) is invalid: the file is not UTF-8 text. It should contain one line starting with \"whsec_\"")
        }
        if text.isEmpty {
            throw InvalidValue("\(subject) is missing: the file is empty. It should contain one line starting with \"whsec_\"")
        }
        if text.utf8.last == UInt8(ascii: "\r") {
            throw InvalidValue("\(subject) is invalid: the line ends with CRLF (a Windows line end). Save the file with a plain LF line end")
        }
        return try parse(text, source: subject)
    }

    /// Parses text, naming `source` in error messages.
    private static func parse(_ text: String, source: String) throws(InvalidValue) -> WebhookSecret {
        if text.utf8.contains(where: isWhitespace) {
            throw InvalidValue("\(source) is invalid: it contains whitespace (a space, tab or line break). Remove it, because a secret is a single word")
        }
        guard text.hasPrefix(prefix) else {
            throw InvalidValue("\(source) is invalid: it does not start with \"whsec_\". A secret is \"whsec_\" and the base64 of \(minimumKeyLength) to \(maximumKeyLength) random bytes, for example the output of: echo \"whsec_$(head -c 32 /dev/urandom | base64)\"")
        }
        let encoded = String(text.dropFirst(prefix.count))
        guard let key = Base64.decodeStrict(encoded) else {
            throw InvalidValue("\(source) is invalid: the part after \"whsec_\" is not padded base64 (letters, digits, \"+\" and \"/\", with \"=\" padding to a multiple of 4 characters)")
        }
        guard (minimumKeyLength...maximumKeyLength).contains(key.count) else {
            throw InvalidValue("\(source) is invalid: its key is \(key.count) bytes, but a secret needs \(minimumKeyLength) to \(maximumKeyLength) bytes")
        }
        return WebhookSecret(key: key)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// A short fingerprint that identifies the secret without revealing it:
    /// the first 8 bytes of SHA-256 of the key, as four colon-separated
    /// groups of hex digits, such as `3f2a:91c0:5be1:07d4`.
    package var fingerprint: String {
        let hex = Array(Digest.sha256Hex(key).prefix(16))
        return stride(from: 0, to: 16, by: 4).map { String(hex[$0..<$0 + 4]) }.joined(separator: ":")
    }
}
