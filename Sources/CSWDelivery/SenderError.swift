import CSWCore

/// A failure to set up the sender itself, before any request is sent.
package struct SenderError: ReportableError, Equatable {
    package let message: String
    package var exitStatus: ExitStatus { .failure }

    package init(_ message: String) {
        self.message = message
    }
}
