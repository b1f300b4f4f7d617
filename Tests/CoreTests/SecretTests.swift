import Testing

@testable import CSWCore

/// A secret text whose key is the 26 bytes `ABCDEFGHIJKLMNOPQRSTUVWXYZ`.
private let alphabetSecret = "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo="

@Suite("base64 encoding")
struct Base64Tests {
    @Test("encodes RFC 4648 vectors", arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func encodesVectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decodeStrict(encoded) == Array(plain.utf8))
    }

    @Test("round-trips every byte value")
    func roundTripsBytes() {
        let bytes = (0...255).map { UInt8($0) }
        for length in 0...bytes.count {
            let prefix = Array(bytes[0..<length])
            #expect(Base64.decodeStrict(Base64.encode(prefix)) == prefix)
        }
    }

    @Test("rejects malformed text", arguments: [
        ("missing padding", "Zg"),
        ("short padding", "Zg="),
        ("three padding characters", "Z==="),
        ("padding in the middle", "Zg==Zm9v"),
        ("padding before data", "Zm=v"),
        ("unused bits set", "Zh=="),
        ("trailing line feed", "Zm9v\n"),
        ("inner space", "Zm 9v"),
        ("URL-safe alphabet", "-_8="),
        ("non-ASCII", "Zm9é"),
    ])
    func rejectsMalformed(name: String, text: String) {
        #expect(Base64.decodeStrict(text) == nil, "\(name)")
    }
}

@Suite("webhook secret parsing")
struct SecretTests {
    @Test("accepts a 26-byte secret")
    func acceptsAlphabetSecret() throws {
        let secret = try WebhookSecret.parse(alphabetSecret)
        #expect(secret.key == Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8))
        #expect(secret.text == alphabetSecret)
    }

    @Test("accepts a file with one final line feed")
    func acceptsFileWithFinalLineFeed() throws {
        let secret = try WebhookSecret.parseFileContents(Array((alphabetSecret + "\n").utf8), source: "secret.txt")
        #expect(secret.text == alphabetSecret)
    }

    @Test("accepts a file without a line end")
    func acceptsFileWithoutLineEnd() throws {
        let secret = try WebhookSecret.parseFileContents(Array(alphabetSecret.utf8), source: "secret.txt")
        #expect(secret.text == alphabetSecret)
    }

    @Test("accepts 24 and 64 byte keys", arguments: [24, 64])
    func acceptsLengthBounds(length: Int) throws {
        let text = "whsec_" + Base64.encode([UInt8](repeating: 7, count: length))
        #expect(try WebhookSecret.parse(text).key.count == length)
    }

    /// Text values that `parse` must reject, with a word the message must contain.
    @Test("rejects invalid text", arguments: [
        ("trailing space", alphabetSecret + " ", "whitespace"),
        ("leading space", " " + alphabetSecret, "whitespace"),
        ("final line feed on the command line", alphabetSecret + "\n", "whitespace"),
        ("CRLF", alphabetSecret + "\r\n", "whitespace"),
        ("not base64", "whsec_!!!!", "base64"),
        ("plain password", "plain-text-pass", "whsec_"),
        ("empty", "", "whsec_"),
        ("prefix with an empty key", "whsec_", "0 bytes"),
        ("missing padding", "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo", "base64"),
        ("extra padding", "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo==", "base64"),
        ("URL-safe alphabet", "whsec_" + String(repeating: "-_", count: 16), "base64"),
        ("upper-case prefix", "WHSEC_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", "whsec_"),
        ("key of 16 bytes", "whsec_" + Base64.encode([UInt8](repeating: 1, count: 16)), "16 bytes"),
        ("key of 65 bytes", "whsec_" + Base64.encode([UInt8](repeating: 1, count: 65)), "65 bytes"),
    ])
    func rejectsInvalidText(name: String, text: String, expectedWord: String) {
        #expect(throws: InvalidValue.self, "\(name)") { try WebhookSecret.parse(text) }
        do {
            _ = try WebhookSecret.parse(text)
        } catch {
            #expect(error.message.contains(expectedWord), "\(name): \(error.message)")
            #expect(!error.message.contains("\n"), "\(name): message has a line break")
            expectNoSecret(in: error.message, text: text, name: name)
        }
    }

    /// File contents that `parseFileContents` must reject, with a word the message must contain.
    @Test("rejects invalid file contents", arguments: [
        ("CRLF line end", Array((alphabetSecret + "\r\n").utf8), "CRLF"),
        ("two line feeds", Array((alphabetSecret + "\n\n").utf8), "whitespace"),
        ("trailing space before the line feed", Array((alphabetSecret + " \n").utf8), "whitespace"),
        ("leading space", Array((" " + alphabetSecret + "\n").utf8), "whitespace"),
        ("empty file", [], "empty"),
        ("only a line feed", [0x0A], "empty"),
        ("invalid UTF-8", Array("whsec_".utf8) + [0xFF, 0xFE], "UTF-8"),
        ("plain password", Array("plain-text-pass\n".utf8), "whsec_"),
    ])
    func rejectsInvalidFile(name: String, bytes: [UInt8], expectedWord: String) {
        do {
            _ = try WebhookSecret.parseFileContents(bytes, source: "secret.txt")
            Issue.record("\(name): accepted")
        } catch let error as InvalidValue {
            #expect(error.message.contains(expectedWord), "\(name): \(error.message)")
            #expect(error.message.contains("secret.txt"), "\(name): \(error.message)")
            #expect(!error.message.contains("\n"), "\(name): message has a line break")
            expectNoSecret(in: error.message, text: String(decoding: bytes, as: UTF8.self), name: name)
        } catch {
            Issue.record("\(name): unexpected error \(error)")
        }
    }

    private func expectNoSecret(in message: String, text: String, name: String) {
        let trimmed = text.trimmingWhitespace()
        let body = trimmed.hasPrefix("whsec_") ? String(trimmed.dropFirst(6)) : trimmed
        if body.count >= 4 {
            #expect(!message.contains(body), "\(name): message contains the secret")
        }
    }
}

@Suite("webhook secret generation and fingerprint")
struct SecretGenerationTests {
    @Test("generates 32 random bytes")
    func generatesRandomKeys() throws {
        let first = WebhookSecret.generate()
        let second = WebhookSecret.generate()
        #expect(first.key.count == 32)
        #expect(first != second)
        #expect(try WebhookSecret.parse(first.text) == first)
    }

    @Test("fingerprint is the SHA-256 prefix")
    func fingerprintMatchesDigest() throws {
        // Computed with Python: hashlib.sha256(b"ABC...XYZ").hexdigest()[:16].
        let secret = try WebhookSecret.parse(alphabetSecret)
        #expect(secret.fingerprint == "d6ec:6898:de87:ddac")
    }

    @Test("description hides the key")
    func descriptionHidesKey() throws {
        let secret = try WebhookSecret.parse(alphabetSecret)
        let shown = "\(secret)"
        #expect(!shown.contains("QUJDREVG"))
        #expect(shown.contains(secret.fingerprint))
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
