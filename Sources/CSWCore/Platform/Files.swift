#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Whole-file reads and writes on raw bytes, with errors that name the path.
package enum Files {
    /// Reads every byte of a file, or of standard input when `path` is `-`.
    ///
    /// - Throws: `SystemError` when it cannot be read, and `Failure` when it
    ///   is longer than `maximumBytes`, so that `/dev/zero` or a wrong file
    ///   cannot fill the memory.
    package static func read(_ path: String, maximumBytes: Int = 64 << 20) throws -> [UInt8] {
        let subject = path == "-" ? "standard input" : path
        if path == "-" { return try readAll(descriptor: STDIN_FILENO, subject: subject, maximumBytes: maximumBytes) }
        let descriptor = try System.retrying("open", subject: path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(descriptor) }
        return try readAll(descriptor: descriptor, subject: subject, maximumBytes: maximumBytes)
    }

    /// Reads a descriptor to its end, failing past `maximumBytes`.
    package static func readAll(descriptor: Int32, subject: String, maximumBytes: Int = 64 << 20) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if bytes.count > maximumBytes {
                let limit = maximumBytes >= 1 << 20 ? "\(maximumBytes >> 20) MiB" : "\(maximumBytes >> 10) KiB"
                throw Failure("\(subject) is larger than \(limit), the most csw reads here; check that it is the right file")
            }
            let count = try chunk.withUnsafeMutableBytes { buffer in
                try System.retrying("read", subject: subject) {
                    Glibc.read(descriptor, buffer.baseAddress, buffer.count)
                }
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Writes bytes to a new file, replacing any file of that name, created
    /// with the given permission bits.
    package static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let descriptor = try System.retrying("open", subject: path) {
            open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        }
        defer { close(descriptor) }
        try writeAll(bytes, descriptor: descriptor, subject: path)
    }

    /// Writes every byte to a descriptor, continuing after short writes.
    package static func writeAll(_ bytes: [UInt8], descriptor: Int32, subject: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = try bytes.withUnsafeBytes { buffer in
                try System.retrying("write", subject: subject) {
                    Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                }
            }
            offset += written
        }
    }

    /// Whether a path exists, of any kind.
    package static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// The status of a path, or nil when it does not exist.
    package static func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    /// Creates a folder and its missing parents with the given mode.
    package static func makeDirectories(_ path: String, mode: mode_t = 0o700) throws {
        if path.isEmpty || exists(path) { return }
        let parent = directoryName(path)
        if parent != path { try makeDirectories(parent, mode: mode) }
        if mkdir(path, mode) != 0 && errno != EEXIST {
            throw SystemError("mkdir", subject: path)
        }
    }

    /// The folder part of a path: `a/b` for `a/b/c`, `.` for `c`, `/` for `/c`.
    package static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}
