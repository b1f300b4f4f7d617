#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The settings of a terminal, saved so that they can be put back after a
/// prompt, however the prompt ends.
///
/// libedit switches the terminal to raw mode while it reads a line and back
/// afterwards; an interrupted read can leave it switched. Restoring the saved
/// settings afterwards keeps a plain `sh` session usable (echo and
/// canonical input back on).
package struct TerminalState {
    package let descriptor: Int32
    private let saved: termios

    /// Saves the settings of a terminal, or returns nil when the descriptor
    /// is not a terminal.
    package init?(descriptor: Int32) {
        var settings = termios()
        guard tcgetattr(descriptor, &settings) == 0 else { return nil }
        self.descriptor = descriptor
        self.saved = settings
    }

    /// Puts the saved settings back, after any output has been written.
    ///
    /// A failure is ignored: there is nothing better to do with a terminal
    /// that has gone away.
    package func restore() {
        var settings = saved
        while tcsetattr(descriptor, TCSADRAIN, &settings) == -1 && errno == EINTR {}
    }
}
