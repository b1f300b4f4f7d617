#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Buffered writers for standard output and standard error.
///
/// Commands write data to `Output.standard` and errors, warnings, progress
/// and prompts to `Output.error`. Standard output is flushed at exit and
/// whenever a prompt or progress line needs the screen in order.
package final class Output {
    package static let standard = Output(descriptor: STDOUT_FILENO)
    package static let error = Output(descriptor: STDERR_FILENO)

    package let descriptor: Int32
    private var buffer: [UInt8] = []

    package init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(65536)
    }

    /// Whether this stream is a terminal.
    package lazy var isTerminal: Bool = System.isTerminal(descriptor)

    /// Whether colour may be used: on a terminal, with `NO_COLOR` unset or
    /// empty and `TERM` not `dumb`.
    package lazy var usesColor: Bool = {
        guard isTerminal else { return false }
        if let noColor = System.environment("NO_COLOR"), !noColor.isEmpty { return false }
        return System.environment("TERM") != "dumb"
    }()

    /// Appends text without a line end.
    package func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 65536 || descriptor == STDERR_FILENO { flush() }
    }

    /// Appends raw bytes.
    package func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 65536 || descriptor == STDERR_FILENO { flush() }
    }

    /// Appends a line of text and a line feed.
    package func line(_ text: String = "") {
        buffer.append(contentsOf: text.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 65536 || descriptor == STDERR_FILENO { flush() }
    }

    /// Writes what is buffered. A closed pipe (EPIPE) drops the rest, since
    /// nobody is left to read it.
    package func flush() {
        if buffer.isEmpty { return }
        try? Files.writeAll(buffer, descriptor: descriptor, subject: "output")
        buffer.removeAll(keepingCapacity: true)
    }

    /// Wraps text in an ANSI style when colour is on.
    package func styled(_ text: String, _ style: Style) -> String {
        usesColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// ANSI select-graphic-rendition codes that csw uses.
    package enum Style: String {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
    }
}
