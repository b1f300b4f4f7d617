import CSWCore
import CSWStore
import Foundation

/// A temporary folder for store files, removed when released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("csw-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Returns a path inside the folder.
    func file(_ name: String) -> String { path + "/" + name }

    /// Opens a new store in a `csw` folder that the store creates itself.
    func makeStore() throws -> Store {
        try Store(path: file("csw/csw.db"), forWriting: true)
    }
}

/// Returns a valid secret text whose key is 32 bytes of `fill`.
func secretText(_ fill: UInt8 = 1) -> String {
    "whsec_" + Data(repeating: fill, count: 32).base64EncodedString()
}

/// Makes a subscription with defaults for what a test does not care about.
func makeSubscription(
    _ id: String, url: String? = nil, events: [EventType] = [.userCreated], departments: [String] = [],
    createdAt: Int64 = 1_780_000_000_000
) -> Subscription {
    Subscription(
        id: id, url: url ?? "https://hooks.example.test/\(id)", events: events, departments: departments,
        secret: secretText(), createdAt: createdAt)
}

/// Inserts subscriptions in one write transaction.
func insert(_ subscriptions: [Subscription], into store: Store) throws {
    try store.write {
        for subscription in subscriptions { try store.insert(subscription) }
    }
}

/// Runs a query without parameters and returns the integer in its first row.
func integer(_ sql: String, in store: Store) throws -> Int64? {
    try store.connection.statement(sql).first { $0.integer(0) }
}

/// Reads the permission bits of a file or folder.
func permissions(of path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int
}
