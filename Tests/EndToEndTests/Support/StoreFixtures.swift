import Foundation
import Testing

/// Whether the tests run as root, for whom file and folder modes do not
/// stop reads or writes.
let runningAsRoot = geteuid() == 0

/// A fixture step that failed, reported as the test's error.
struct FixtureError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Returns the text form of a fresh random signing secret: `whsec_` and
/// the base64 of `byteCount` bytes.
func randomSecretText(byteCount: Int = 32) -> String {
    var generator = SystemRandomNumberGenerator()
    let key = (0..<byteCount).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return "whsec_" + Data(key).base64EncodedString()
}

/// Computes, independently of csw, the fingerprint csw shows for a secret:
/// the first 8 bytes of SHA-256 of the key, as four groups of hex digits.
func expectedFingerprint(ofSecret text: String) throws -> String {
    let script = """
        import base64, hashlib, sys
        digest = hashlib.sha256(base64.b64decode(sys.argv[1][len("whsec_"):])).hexdigest()[:16]
        print(":".join(digest[i:i + 4] for i in range(0, 16, 4)))
        """
    let result = try runPython(script, [text])
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A store file's bytes and its rows as SQL text, to prove that a command
/// left the store as it was.
struct StoreSnapshot: Equatable {
    /// The main database file, or nil when it does not exist.
    var bytes: Data?
    /// `sqlite3 .dump` of the file, or nil when it does not exist.
    var dump: String?
}

extension Sandbox {
    /// Creates a subscription with `csw subscribe --quiet` and returns its id.
    ///
    /// - Parameter options: the options after `--url`, by default `--event users`.
    func addSubscription(_ url: String, _ options: [String] = ["--event", "users"]) throws -> String {
        let result = try csw(["subscribe", "--url", url, "--quiet"] + options)
        guard result.status == 0 else {
            throw FixtureError("csw subscribe \(url) failed with status \(result.status): \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs sqlite3 on the store (or on `database`) and returns its output.
    @discardableResult
    func sqlite(_ sql: String, database: String? = nil) throws -> String {
        let result = try runProcess("/usr/bin/env", ["sqlite3", database ?? storePath, sql])
        if result.status != 0 {
            Issue.record("sqlite3 failed with status \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// Reads the store's bytes and SQL dump, or those of the file at `path`.
    func snapshot(of path: String? = nil) throws -> StoreSnapshot {
        let file = path ?? storePath
        guard FileManager.default.fileExists(atPath: file) else { return StoreSnapshot(bytes: nil, dump: nil) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let dump = try runProcess("/usr/bin/env", ["sqlite3", "-readonly", file, ".dump"])
        return StoreSnapshot(bytes: bytes, dump: dump.status == 0 ? dump.stdout : "sqlite3 failed: \(dump.stderr)")
    }

    /// Runs `csw export` and drops its `exported_at` line, which changes every second.
    func exportWithoutTimestamp() throws -> String {
        let result = try csw(["export"])
        #expect(result.status == 0, "csw export failed: \(result.stderr)")
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("\"exported_at\"") }
            .joined(separator: "\n")
    }

    /// Counts the rows in the store's subscriptions table.
    func subscriptionCount() throws -> Int {
        Int(try sqlite("SELECT count(*) FROM subscriptions").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Writes `object` as JSON to a file in the sandbox and returns its path.
    @discardableResult
    func writeJSON(_ name: String, _ object: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return try write(name, String(decoding: data, as: UTF8.self))
    }
}

/// Parses JSON text printed by csw.
func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// Parses a JSON object printed by csw, failing the test when it is not one.
func parseJSONObject(_ text: String) throws -> [String: Any] {
    let value = try parseJSON(text)
    guard let object = value as? [String: Any] else { throw FixtureError("expected a JSON object, got: \(text)") }
    return object
}

/// Parses a JSON array of objects printed by csw, failing the test when it is not one.
func parseJSONArray(_ text: String) throws -> [[String: Any]] {
    let value = try parseJSON(text)
    guard let array = value as? [[String: Any]] else {
        throw FixtureError("expected a JSON array of objects, got: \(text)")
    }
    return array
}

/// Runs csw as a user for whom file modes apply. As root, that is the
/// `nobody` account through setpriv, since root ignores read and write bits.
enum Unprivileged {
    /// The uid and gid of `nobody`, when the account exists.
    static let nobody: (uid: uid_t, gid: gid_t)? = {
        guard let entry = getpwnam("nobody") else { return nil }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }()

    /// The reason file-mode tests cannot run here, or nil when they can.
    static let unavailableReason: String? = {
        guard runningAsRoot else { return nil }
        guard let nobody else { return "running as root, and there is no 'nobody' account to drop to" }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            return "running as root, and /usr/bin/setpriv is not installed to drop to 'nobody'"
        }
        let probe = try? runProcess(
            "/usr/bin/setpriv", ["--reuid=\(nobody.uid)", "--regid=\(nobody.gid)", "--clear-groups", CSWBinary.path, "--version"])
        guard probe?.status == 0 else {
            return "running as root, and 'nobody' cannot run \(CSWBinary.path) (a folder on its path is closed to other users)"
        }
        return nil
    }()

    /// Whether file-mode tests can run.
    static var isAvailable: Bool { unavailableReason == nil }

    /// Gives `path` and everything under it to the user csw runs as.
    static func takeOwnership(of path: String) throws {
        guard runningAsRoot, let nobody else { return }
        let result = try runProcess("/bin/chown", ["-R", "\(nobody.uid):\(nobody.gid)", path])
        #expect(result.status == 0, "chown failed: \(result.stderr)")
    }

    /// Runs csw with the sandbox's store, as `nobody` when the tests run as root.
    static func csw(_ sandbox: Sandbox, _ arguments: [String]) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["CSW_DB"] = sandbox.storePath
        environment["NO_COLOR"] = "1"
        guard runningAsRoot, let nobody else {
            return try runProcess(CSWBinary.path, arguments, environment: environment)
        }
        environment["HOME"] = "/nonexistent"
        let prefix = ["--reuid=\(nobody.uid)", "--regid=\(nobody.gid)", "--clear-groups", CSWBinary.path]
        return try runProcess("/usr/bin/setpriv", prefix + arguments, environment: environment)
    }
}

/// A command line that csw must reject: the exit status and a fragment of
/// the error message. `{id}` in the arguments is a placeholder for the id
/// of a subscription that the test creates first.
struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    let arguments: [String]
    let status: Int32
    let message: String

    var testDescription: String { name }

    /// Returns the arguments with `{id}` replaced.
    func arguments(id: String) -> [String] {
        arguments.map { $0.replacingOccurrences(of: "{id}", with: id) }
    }
}

/// Finds the first `whsec_...` word in a text, such as the secret that
/// `csw subscribe` prints once on standard error.
func firstSecret(in text: String) -> String? {
    guard let start = text.range(of: "whsec_") else { return nil }
    let word = text[start.lowerBound...].prefix { !$0.isWhitespace && $0 != "\"" }
    return String(word)
}

/// Splits a text into lines, without the empty string after a final line feed.
func lines(_ text: String) -> [String] {
    if text.isEmpty { return [] }
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0).map(String.init)
}
