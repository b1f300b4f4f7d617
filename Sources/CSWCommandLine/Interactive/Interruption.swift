#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Set to 1 by the SIGINT handler; a signal handler may only touch a
/// variable of this kind.
nonisolated(unsafe) private var interruptionFlag: sig_atomic_t = 0

/// A SIGINT handler for the length of one prompt.
///
/// It is installed without `SA_RESTART`, so Ctrl-C makes the blocked
/// `read` fail with `EINTR`; the reader then sees `pending` and gives up.
/// SIGINT is also unblocked meanwhile, because a process can inherit a
/// signal mask that blocks it, and Ctrl-C would then do nothing.
/// `uninstall` puts the previous handler and mask back.
final class InterruptionHandler {
    private var previous = sigaction()
    private var previousMask = sigset_t()

    init() {
        interruptionFlag = 0
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptionFlag = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, &previous)
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, &previousMask)
    }

    /// Whether Ctrl-C came since the handler was installed.
    var received: Bool { InterruptionHandler.pending }

    /// Whether Ctrl-C came while a handler was installed.
    static var pending: Bool { interruptionFlag != 0 }

    func uninstall() {
        pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        sigaction(SIGINT, &previous, nil)
    }
}
