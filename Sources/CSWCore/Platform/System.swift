import CSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A failed system call: the function that failed, the value it worked on,
/// and the `errno` it left.
package struct SystemError: Error, CustomStringConvertible {
    package let function: String
    package let subject: String
    package let code: Int32

    package init(_ function: String, subject: String = "", code: Int32 = errno) {
        self.function = function
        self.subject = subject
        self.code = code
    }

    /// The C library's text for the error number, such as "Permission denied".
    package var reason: String { String(cString: strerror(code)) }

    package var description: String {
        subject.isEmpty ? "\(function) failed: \(reason)" : "\(function) \(subject): \(reason)"
    }
}

/// Namespace for the few POSIX calls that csw makes outside its C modules.
///
/// Every call goes through `retrying`, which reads `errno` right after the
/// call and repeats it on `EINTR`, so callers never see an interrupted call.
package enum System {
    /// Runs a system call until it does not fail with `EINTR`.
    ///
    /// - Throws: `SystemError` naming `function` when the call returns -1.
    @discardableResult
    package static func retrying<T: FixedWidthInteger>(
        _ function: String, subject: String = "", _ call: () -> T
    ) throws -> T {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemError(function, subject: subject, code: code)
        }
    }

    /// The value of an environment variable, or nil when it is unset.
    package static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// Whether the file descriptor refers to a terminal.
    package static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// The width of the terminal on standard output, or 80 when it has none.
    package static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }

    /// Fills a buffer from the kernel's secure random source (`getrandom`).
    package static func randomBytes(count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                csw_getrandom(buffer.baseAddress! + filled, count - filled)
            }
            if read < 0 {
                // getrandom(2) fails on requests of up to 256 bytes only with EINTR,
                // or with ENOSYS on kernels before Linux 3.17.
                if errno == EINTR { continue }
                fatalError("getrandom failed: \(String(cString: strerror(errno)))")
            }
            filled += read
        }
        return bytes
    }

    /// Random bytes taken from a pool that is refilled from `randomBytes`
    /// 4 KiB at a time, for callers that need a few bytes very often, such
    /// as one id per delivery. Each byte is handed out once.
    package static func pooledRandomBytes(count: Int) -> [UInt8] {
        if count > randomPool.count { return randomBytes(count: count) }
        if randomPool.count - randomPoolOffset < count {
            randomPool = randomBytes(count: randomPool.count)
            randomPoolOffset = 0
        }
        defer { randomPoolOffset += count }
        return Array(randomPool[randomPoolOffset..<randomPoolOffset + count])
    }

    nonisolated(unsafe) private static var randomPool = [UInt8](repeating: 0, count: 4096)
    // Starts exhausted, so the first call fills the pool.
    nonisolated(unsafe) private static var randomPoolOffset = 4096

    /// Sleeps for a number of milliseconds, resuming after signals.
    package static func sleep(milliseconds: Int) {
        var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) == -1 && errno == EINTR {
            request = remaining
        }
    }

    /// The process ID.
    package static var processID: Int32 { getpid() }
}
