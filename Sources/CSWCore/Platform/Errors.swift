/// The exit statuses csw documents.
package enum ExitStatus: Int32, Sendable {
    /// Everything the command was asked to do succeeded.
    case success = 0
    /// The command failed: a store, file, network or data error.
    case failure = 1
    /// The command line was wrong: an unknown option, a missing or invalid value.
    case usage = 2
    /// `csw fire`, `csw retry` or `csw redeliver` ran, and some deliveries failed.
    case deliveriesFailed = 3
    /// `csw verify`: the signature or timestamp did not check out.
    case verificationFailed = 4
    /// Interrupted by Ctrl-C (SIGINT) or cancelled at a prompt.
    case interrupted = 130
}

/// An error that csw reports to a person: one line of text and an exit status.
///
/// Each failure domain (the parser, the store, the sender, input checks) has
/// its own error type conforming to this; the executable turns any of them
/// into `error: <message>` on standard error in one place.
package protocol ReportableError: Error {
    /// One line that names the value at fault and what to do about it.
    var message: String { get }
    /// The status the process exits with.
    var exitStatus: ExitStatus { get }
}

/// A value that fails a check: a URL, header, event, department, secret or
/// payload. On the command line it is a usage error; in an imported file or
/// a store row it is a plain failure.
package struct InvalidValue: ReportableError, Equatable {
    package let message: String
    package var exitStatus: ExitStatus { .usage }

    package init(_ message: String) {
        self.message = message
    }
}

/// A failure that is neither a usage error nor tied to one value: an unknown
/// id, a duplicate, a file that cannot be read.
package struct Failure: ReportableError, Equatable {
    package let message: String
    package let exitStatus: ExitStatus

    package init(_ message: String, status: ExitStatus = .failure) {
        self.message = message
        self.exitStatus = status
    }
}

extension SystemError: ReportableError {
    package var message: String { description }
    package var exitStatus: ExitStatus { .failure }
}
