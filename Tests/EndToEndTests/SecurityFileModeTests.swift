import Foundation
import Testing

/// Returns the permission bits of a file or folder.
private func permissions(of path: String) throws -> Int {
    let value = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    guard let value else { throw HarnessError("no permissions for \(path)") }
    return value & 0o777
}

/// Runs csw with the sandbox's store under umask 000, so that only the
/// modes csw requests protect the files it creates.
private func cswWithOpenUmask(_ sandbox: Sandbox, _ arguments: [String]) throws -> ProcessResult {
    var environment = ProcessInfo.processInfo.environment
    environment["CSW_DB"] = sandbox.storePath
    environment["NO_COLOR"] = "1"
    return try runProcess("/bin/sh", ["-c", "umask 000 && exec \"$0\" \"$@\"", CSWBinary.path] + arguments, environment: environment)
}

@Suite("Files that hold secrets are private")
struct SecurityFileModeTests {
    @Test("store is private under umask 000")
    func storeUnderOpenUmask() throws {
        let sandbox = try Sandbox()
        let result = try cswWithOpenUmask(sandbox, ["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "--quiet"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try permissions(of: sandbox.path("store")) == 0o700)
        #expect(try permissions(of: sandbox.storePath) == 0o600)
        #expect(!result.stderr.contains("warning"), "stderr: \(result.stderr)")

        let rotated = try cswWithOpenUmask(sandbox, ["rotate-secret", result.stdout.trimmingCharacters(in: .newlines), "--quiet"])
        #expect(rotated.status == 0, "stderr: \(rotated.stderr)")
        #expect(try permissions(of: sandbox.storePath) == 0o600)
    }

    @Test("export file is private under umask 000")
    func exportUnderOpenUmask() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/in")
        let path = sandbox.path("backup.json")
        let result = try cswWithOpenUmask(sandbox, ["export", "--output", path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try permissions(of: path) == 0o600)
    }

    @Test("export over a file readable by others makes it private", arguments: [0o644, 0o666, 0o755])
    func exportOverOpenFile(_ mode: Int) throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/in")
        let path = try sandbox.write("backup.json", "old backup\n")
        #expect(chmod(path, mode_t(mode)) == 0)
        let result = try sandbox.csw(["export", "--output", path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try permissions(of: path) == 0o600)
        let document = try parseJSONObject(try String(contentsOfFile: path, encoding: .utf8))
        let entries = try #require(document["subscriptions"] as? [[String: Any]])
        #expect((entries.first?["secret"] as? String)?.hasPrefix("whsec_") == true)
    }

    @Test("export is private before its first byte")
    func exportPrivateBeforeWriting() throws {
        let sandbox = try Sandbox()
        // 300 entries make an export of well over 64 KiB, the default
        // capacity of a Linux pipe, so csw is still writing when the test
        // reads the first bytes through the FIFO.
        let entries: [[String: Any]] = (0..<300).map { index in
            ["id": "sub_bulk\(index)", "url": "https://hooks.example.test/\(index)", "events": ["users"], "secret": randomSecretText()]
        }
        let file = try sandbox.writeJSON("bulk.json", ["format": "csw-export", "version": 1, "subscriptions": entries])
        #expect(try sandbox.csw(["import", file]).status == 0)

        let fifo = sandbox.path("backup.json")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(chmod(fifo, 0o644) == 0)
        // Non-blocking, so the test never hangs when csw does not open the FIFO.
        let descriptor = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let export = try sandbox.start(["export", "--output", fifo])

        var received: [UInt8] = []
        var modeAtFirstByte: Int? = nil
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                if modeAtFirstByte == nil { modeAtFirstByte = try permissions(of: fifo) }
                received += buffer[0..<count]
            } else if count == 0 && modeAtFirstByte != nil {
                break
            } else {
                Thread.sleep(forTimeInterval: 0.005)
            }
        }
        let result = export.wait(timeout: 10)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(received.count > 65536)
        #expect(modeAtFirstByte == 0o600, "the export was readable by others while csw wrote the secrets")
        let document = try parseJSONObject(String(decoding: received, as: UTF8.self))
        #expect((document["subscriptions"] as? [Any])?.count == 300)
    }
}
