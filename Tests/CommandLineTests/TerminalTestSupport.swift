import Foundation

/// The outcome of a child process run by a test.
struct ProcessResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
    /// Whether the process was killed for running past its time limit.
    var timedOut: Bool

    /// Everything the process printed, for test failure messages.
    var transcript: String {
        "status \(status)\(timedOut ? " (killed after the time limit)" : "")\n--- stdout\n\(standardOutput)--- stderr\n\(standardError)"
    }
}

/// Paths and helpers shared by the command-line tests.
enum TestSupport {
    /// The root of the package, from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `csw` beside the test bundle (`.build/debug/csw`), which
    /// `swift build --build-tests` builds too.
    static var cswBinary: String {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // The Linux test bundle is an executable in the build folder; on other
        // layouts it sits in a bundle folder one level deeper.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("csw").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/csw").path
    }

    /// Creates a new empty folder under the system's temporary folder.
    static func temporaryFolder(_ name: String = "csw-terminal") throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs a program and waits at most `timeout` seconds, then kills it.
    ///
    /// Output goes to files rather than pipes, so a chatty child can never
    /// block on a full pipe while the test waits for it.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        standardInput: String? = "/dev/null", input: String? = nil, currentDirectory: URL? = nil,
        timeout: TimeInterval = 30
    ) throws -> ProcessResult {
        let folder = try temporaryFolder("csw-run")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputFile = folder.appendingPathComponent("stdout")
        let errorFile = folder.appendingPathComponent("stderr")
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        if let input {
            let inputFile = folder.appendingPathComponent("stdin")
            try Data(input.utf8).write(to: inputFile)
            process.standardInput = try FileHandle(forReadingFrom: inputFile)
        } else if let standardInput {
            process.standardInput = FileHandle(forReadingAtPath: standardInput)
        }
        try process.run()

        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        let timedOut = process.isRunning
        if timedOut {
            process.terminate()
            usleep(200_000)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "",
            timedOut: timedOut)
    }

    /// Runs `csw` with a clean environment: a store in `home`, no colour.
    static func csw(
        _ arguments: [String], home: URL, input: String? = nil, timeout: TimeInterval = 20
    ) throws -> ProcessResult {
        try run(cswBinary, arguments, environment: environment(home: home), input: input, timeout: timeout)
    }

    /// Returns the environment for children: `HOME` and the store under `home`, a
    /// fixed `TERM`, and `PATH` with the folder of the built `csw` first.
    static func environment(home: URL) -> [String: String] {
        let cswFolder = URL(fileURLWithPath: cswBinary).deletingLastPathComponent().path
        return [
            "HOME": home.path,
            "XDG_DATA_HOME": home.appendingPathComponent("data").path,
            "CSW_DB": home.appendingPathComponent("data/csw/csw.db").path,
            "PATH": "\(cswFolder):/usr/local/bin:/usr/bin:/bin",
            "TERM": "xterm",
            "LANG": "C.UTF-8",
            "NO_COLOR": "1",
        ]
    }

    /// Runs a Python script that drives a pseudo-terminal with pexpect, in
    /// the folder `home`. The script reports failures with `fail(message)`,
    /// which exits 1.
    static func pexpect(_ script: String, home: URL, timeout: TimeInterval = 60) throws -> ProcessResult {
        let file = home.appendingPathComponent("drive-\(UUID().uuidString).py")
        try Data((pexpectPrelude + script).utf8).write(to: file)
        var environment = Self.environment(home: home)
        environment["CSW"] = cswBinary
        // pyenv and similar shims live on the caller's PATH.
        environment["PATH"] = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":" + (environment["PATH"] ?? "")
        return try run(
            "/usr/bin/env", ["python3", file.path], environment: environment, currentDirectory: home, timeout: timeout)
    }

    /// Helpers for the pexpect scripts: `spawn` starts a program on a new
    /// pseudo-terminal, `fail` reports a broken expectation.
    private static let pexpectPrelude = #"""
        import os, re, signal, sys, time
        import pexpect

        # The test runner's threads block most signals, and children inherit
        # the mask; a terminal session starts with none blocked.
        signal.pthread_sigmask(signal.SIG_SETMASK, [])

        CSW = os.environ["CSW"]

        def fail(message):
            print("FAILED: " + message)
            sys.exit(1)

        def spawn(program, arguments):
            return pexpect.spawn(program, arguments, env=dict(os.environ), encoding="utf-8",
                                 timeout=10, dimensions=(24, 100))

        def expect(child, pattern, what):
            try:
                child.expect(pattern)
            except (pexpect.TIMEOUT, pexpect.EOF):
                fail("no " + what + "; the terminal showed: " + repr(child.before[-600:]))
            return child.match

        def finish(child):
            child.expect(pexpect.EOF, timeout=10)
            child.close()
            return child.exitstatus

        """#
}
