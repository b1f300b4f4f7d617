import Foundation

/// A `TestServerScript` process on 127.0.0.1, one per test, stopped when
/// the value is released.
final class TestServer {
    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// One request as the server read it.
    struct Record {
        let method: String
        let target: String
        let headers: [(name: String, value: String)]
        let body: [UInt8]
        /// The server's monotonic clock, in seconds.
        let time: Double

        func values(of name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }
    }

    let port: Int
    private let process: Process
    private let directory: URL

    /// Starts a server, speaking HTTPS when given a PEM certificate and key.
    init(certificate: String? = nil, key: String? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("csw-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("server.py")
        try testServerScript.write(to: script, atomically: true, encoding: .utf8)
        let output = Pipe()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, directory.appendingPathComponent("requests.jsonl").path]
        if let certificate, let key { process.arguments! += [certificate, key] }
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let text = String(data: line, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            kill(process.processIdentifier, SIGKILL)
            throw StartFailure(description: "the test server printed no port")
        }
        self.port = port
    }

    deinit {
        // SIGKILL, because the test runner's threads block SIGTERM and
        // the child inherits that signal mask.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    func url(_ pathAndQuery: String, scheme: String = "http", host: String = "127.0.0.1") -> String {
        "\(scheme)://\(host):\(port)\(pathAndQuery)"
    }

    /// Reads the requests the server has recorded so far.
    func records() throws -> [Record] {
        let file = directory.appendingPathComponent("requests.jsonl")
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let text = try String(contentsOf: file, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let pairs = object["headers"] as! [[String]]
            return Record(
                method: object["method"] as! String,
                target: object["target"] as! String,
                headers: pairs.map { (name: $0[0], value: $0[1]) },
                body: [UInt8](Data(base64Encoded: object["body"] as! String)!),
                time: object["time"] as! Double)
        }
    }

    /// Reads the server's counters: connections, active, max_active,
    /// requests, streamed_bytes.
    func stats() throws -> [String: Int] {
        let data = try Data(contentsOf: directory.appendingPathComponent("requests.jsonl.stats"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Int]
    }
}
