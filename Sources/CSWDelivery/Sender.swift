import CCurl
import CSWCore

/// Sends webhook POSTs with libcurl's multi interface on the calling thread.
///
/// At most `SenderOptions.concurrency` requests are in flight at once. Easy
/// handles are reused, and the multi handle's connection cache keeps
/// connections alive between requests to the same host. Redirects are never
/// followed. Every connection passes the address guard (`AddressPolicy`),
/// which refuses non-public addresses unless the request allows private
/// networks.
package final class Sender {
    private let options: SenderOptions
    private let multi: UnsafeMutableRawPointer
    /// Reset easy handles ready for the next transfer.
    private var idleHandles: [UnsafeMutableRawPointer] = []
    /// Easy handles whose transfers are in flight.
    private var activeHandles: [UnsafeMutableRawPointer] = []
    private var isCancelled = false

    /// Creates a sender, initialising libcurl on first use.
    ///
    /// - Throws: `SenderError` when libcurl cannot be initialised or an
    ///   option is out of range.
    package init(options: SenderOptions) throws {
        guard options.concurrency >= 1 else { throw SenderError("concurrency must be at least 1") }
        guard options.connectTimeoutMilliseconds >= 1, options.totalTimeoutMilliseconds >= 1 else {
            throw SenderError("timeouts must be at least 1 millisecond")
        }
        guard options.responseBodyLimit >= 0 else { throw SenderError("the response body limit cannot be negative") }
        if let userAgent = options.userAgent, let problem = HeaderList.problem(name: "User-Agent", value: userAgent) {
            throw SenderError(problem)
        }
        if let problem = CurlLibrary.loadError { throw SenderError("\(problem); install libcurl4 to send webhooks") }
        guard CurlLibrary.initialised else { throw SenderError("libcurl failed to initialise") }
        guard let multi = csw_curl_multi_init() else { throw SenderError("libcurl could not create a multi handle") }
        self.options = options
        self.multi = multi
    }

    deinit {
        for handle in idleHandles { csw_curl_easy_cleanup(handle) }
        csw_curl_multi_cleanup(multi)
    }

    /// Sends the requests and any follow-ups, and returns when every one
    /// has finished.
    ///
    /// - Parameters:
    ///   - onComplete: called on this thread once per finished request, as
    ///     soon as it finishes. The requests it returns (such as a retry with
    ///     a later `notBefore`) join the queue, and `run` waits for the
    ///     latest `notBefore` however far away it is.
    ///   - onProgress: called at most about 10 times a second, and once at
    ///     the end, with the numbers of finished, in-flight and queued requests.
    ///   - onRoundEnd: called after each round in which at least one request
    ///     finished, once `onComplete` has run for all of them, so the caller
    ///     can record a round's results together.
    package func run(
        _ requests: [OutgoingRequest], onComplete: (DeliveryResult) -> [OutgoingRequest],
        onProgress: ((Int, Int, Int) -> Void)? = nil, onRoundEnd: (() -> Void)? = nil
    ) {
        isCancelled = false
        var state = RunState()
        state.queue.add(requests, now: Clock.monotonicMilliseconds())
        let finish = { (result: DeliveryResult, state: inout RunState) in
            state.finished += 1
            let followUps = onComplete(result)
            state.queue.add(followUps, now: Clock.monotonicMilliseconds())
        }
        while true {
            startReadyRequests(&state, finish: finish)
            if state.inFlight == 0 && state.queue.isEmpty { break }
            var running: Int32 = 0
            _ = csw_curl_multi_perform(multi, &running)
            let finishedBefore = state.finished
            collectFinished(&state, finish: finish)
            if state.finished > finishedBefore { onRoundEnd?() }
            reportProgress(&state, onProgress, force: false)
            if isCancelled {
                abandonAll(&state)
                break
            }
            waitForActivity(state)
        }
        reportProgress(&state, onProgress, force: true)
    }

    /// Makes the current `run` return soon, for example after Ctrl-C. Call
    /// it from `onComplete` or `onProgress`. Queued requests are dropped and
    /// transfers in flight are aborted, and `onComplete` is not called for
    /// either. A request in flight may or may not have reached the receiver.
    package func cancel() {
        isCancelled = true
    }

    private struct RunState {
        var queue = RequestQueue()
        var inFlight = 0
        var finished = 0
        var lastProgress: Int64 = 0
    }

    private func startReadyRequests(_ state: inout RunState, finish: (DeliveryResult, inout RunState) -> Void) {
        state.queue.release(now: Clock.monotonicMilliseconds())
        while state.inFlight < options.concurrency, let request = state.queue.popReady() {
            if let failure = start(request) {
                finish(failure, &state)
            } else {
                state.inFlight += 1
            }
            state.queue.release(now: Clock.monotonicMilliseconds())
        }
    }

    private func abandonAll(_ state: inout RunState) {
        for handle in activeHandles {
            _ = takeTransfer(of: handle)
            _ = csw_curl_multi_remove_handle(multi, handle)
            recycle(handle)
        }
        activeHandles.removeAll()
        state.inFlight = 0
        state.queue = RequestQueue()
    }

    private func collectFinished(_ state: inout RunState, finish: (DeliveryResult, inout RunState) -> Void) {
        var remaining: Int32 = 0
        while let message = csw_curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            let result = complete(handle, code: code)
            state.inFlight -= 1
            finish(result, &state)
        }
    }

    /// Sleeps until curl has work, a delayed request is due, or it is time to
    /// report progress. It returns at once when a ready request could start.
    private func waitForActivity(_ state: RunState) {
        if state.queue.hasReady && state.inFlight < options.concurrency { return }
        // Nothing left to wait for: the loop ends on its next check.
        if state.inFlight == 0 && state.queue.isEmpty { return }
        var timeout: Int64 = 100
        if let release = state.queue.nextRelease {
            timeout = min(timeout, max(0, release - Clock.monotonicMilliseconds()))
        }
        _ = csw_curl_multi_poll(multi, nil, 0, Int32(timeout), nil)
    }

    private func reportProgress(_ state: inout RunState, _ onProgress: ((Int, Int, Int) -> Void)?, force: Bool) {
        guard let onProgress else { return }
        let now = Clock.monotonicMilliseconds()
        if !force && now - state.lastProgress < 100 { return }
        state.lastProgress = now
        onProgress(state.finished, state.inFlight, state.queue.count)
    }

    // MARK: One transfer

    /// Adds a request to the multi handle, or returns the result of a
    /// request that failed before anything was sent.
    private func start(_ request: OutgoingRequest) -> DeliveryResult? {
        for header in request.headers {
            if let problem = HeaderList.problem(name: header.name, value: header.value) {
                return DeliveryResult(tag: request.tag, outcome: .invalidRequest, reason: problem)
            }
        }
        let transfer = Transfer(
            request: request, responseBodyLimit: options.responseBodyLimit, startedAt: Clock.monotonicMilliseconds())
        transfer.headerList = HeaderList.curlList(HeaderList.lines(for: request, userAgent: options.userAgent))
        guard let handle = idleHandles.popLast() ?? csw_curl_easy_init() else {
            return DeliveryResult(tag: request.tag, outcome: .invalidRequest, reason: "libcurl could not create a handle")
        }
        let context = Unmanaged.passRetained(transfer).toOpaque()
        var problem = EasyHandleSetup.configure(handle, transfer: transfer, context: context, options: options)
        if problem == nil && csw_curl_multi_add_handle(multi, handle) != CURLM_OK {
            problem = "libcurl could not start the request"
        }
        guard let problem else {
            activeHandles.append(handle)
            return nil
        }
        Unmanaged<Transfer>.fromOpaque(context).release()
        recycle(handle)
        return DeliveryResult(tag: request.tag, outcome: .invalidRequest, reason: problem)
    }

    /// Builds the result of a finished transfer and recycles its handle.
    private func complete(_ handle: UnsafeMutableRawPointer, code: CURLcode) -> DeliveryResult {
        let transfer = takeTransfer(of: handle)
        let result = ResultBuilder(handle: handle, transfer: transfer, options: options)
            .build(code: code, now: Clock.monotonicMilliseconds())
        _ = csw_curl_multi_remove_handle(multi, handle)
        activeHandles.removeAll { $0 == handle }
        recycle(handle)
        return result
    }

    /// Returns the transfer of an in-flight handle, balancing the retain in
    /// `start`. Call it once per transfer.
    private func takeTransfer(of handle: UnsafeMutableRawPointer) -> Transfer {
        var context: UnsafeMutableRawPointer? = nil
        _ = csw_easy_getinfo_pointer(handle, CURLINFO_PRIVATE, &context)
        return Unmanaged<Transfer>.fromOpaque(context!).takeRetainedValue()
    }

    private func recycle(_ handle: UnsafeMutableRawPointer) {
        // curl_easy_reset clears the options, including the pointers into
        // the finished transfer; the connection cache stays with the multi handle.
        csw_curl_easy_reset(handle)
        idleHandles.append(handle)
    }
}

/// libcurl's loading and process-wide initialisation, each run once.
enum CurlLibrary {
    /// Why libcurl could not be loaded, or nil once it is.
    static let loadError: String? = {
        var message = [CChar](repeating: 0, count: 256)
        return csw_curl_load(&message, message.count) == 0 ? nil : String(cString: message)
    }()

    /// Whether `curl_global_init` succeeded. Swift runs this global's
    /// initialiser once, on first use.
    static let initialised: Bool = csw_global_init_default() == CURLE_OK
}
