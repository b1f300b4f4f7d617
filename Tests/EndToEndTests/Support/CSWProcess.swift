import Foundation
import Testing

/// The built `csw` binary, found next to the test bundle in the build folder.
enum CSWBinary {
    static let path: String = {
        if let override = ProcessInfo.processInfo.environment["CSW_BINARY"] { return override }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("csw").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let fallback = FileManager.default.currentDirectoryPath + "/.build/debug/csw"
        return fallback
    }()
}

/// What a finished process printed and how it exited.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutBytes: Data
    /// Whether the process ended by a signal rather than exiting.
    var signaled: Bool
}

/// A temporary folder with its own store, removed at the end of the test.
final class Sandbox {
    let folder: URL
    var storePath: String { folder.appendingPathComponent("store/csw.db").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("csw-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A path inside the sandbox.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Writes bytes to a file in the sandbox and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        let path = self.path(name)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs csw with this sandbox's store, standard input from `stdin` (or
    /// /dev/null), and a time limit after which the process is killed.
    @discardableResult
    func csw(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        env["CSW_DB"] = storePath
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        return try runProcess(CSWBinary.path, arguments, stdin: stdin, environment: env, timeout: timeout)
    }

    /// Starts csw without waiting for it, for listeners and kill tests.
    func start(_ arguments: [String], environment: [String: String] = [:]) throws -> RunningProcess {
        var env = ProcessInfo.processInfo.environment
        env["CSW_DB"] = storePath
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        return try RunningProcess(CSWBinary.path, arguments, environment: env)
    }
}

/// Runs a program to completion, killing it after `timeout` seconds.
func runProcess(_ program: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil, timeout: TimeInterval = 60) throws -> ProcessResult {
    let running = try RunningProcess(program, arguments, environment: environment, stdin: stdin)
    return running.wait(timeout: timeout)
}

/// A child process whose output is collected in files.
final class RunningProcess {
    let process = Process()
    private let outURL: URL
    private let errURL: URL

    init(_ program: String, _ arguments: [String], environment: [String: String]? = nil, stdin: Data? = nil) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("csw-proc-\(UUID().uuidString)")
        outURL = base.appendingPathExtension("out")
        errURL = base.appendingPathExtension("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        if let stdin {
            let inURL = base.appendingPathExtension("in")
            try stdin.write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        }
        try process.run()
    }

    /// What the process has written to standard output so far.
    var stdoutSoFar: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }
    /// What the process has written to standard error so far.
    var stderrSoFar: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    /// Waits until standard error or output contains `text`, up to `timeout` seconds.
    func waitForOutput(_ text: String, timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stderrSoFar.contains(text) || stdoutSoFar.contains(text) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    /// Sends a signal to the process.
    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for the process to end, killing it after `timeout` seconds.
    func wait(timeout: TimeInterval = 60) -> ProcessResult {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        process.waitUntilExit()
        let out = (try? Data(contentsOf: outURL)) ?? Data()
        let err = (try? Data(contentsOf: errURL)) ?? Data()
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return ProcessResult(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self), stdoutBytes: out,
            signaled: process.terminationReason == .uncaughtSignal)
    }
}

/// A Python helper script run with python3, for small HTTP servers and the
/// `standardwebhooks` verifier.
func runPython(_ script: String, _ arguments: [String] = [], stdin: Data? = nil, timeout: TimeInterval = 60) throws -> ProcessResult {
    try runProcess("/usr/bin/env", ["python3", "-c", script] + arguments, stdin: stdin, timeout: timeout)
}
