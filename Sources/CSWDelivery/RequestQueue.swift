/// Requests waiting to be sent: those that may start now in arrival order,
/// and those held until their `notBefore` time.
struct RequestQueue {
    private var ready: [OutgoingRequest] = []
    private var readyStart = 0
    /// Held requests, sorted by `notBefore`, earliest first.
    private var held: [OutgoingRequest] = []

    var count: Int { ready.count - readyStart + held.count }
    var isEmpty: Bool { count == 0 }
    var hasReady: Bool { readyStart < ready.count }

    /// The earliest `notBefore` among held requests.
    var nextRelease: Int64? { held.first?.notBefore }

    mutating func add(_ requests: [OutgoingRequest], now: Int64) {
        for request in requests {
            if request.notBefore <= now {
                ready.append(request)
            } else {
                let index = held.firstIndex { $0.notBefore > request.notBefore } ?? held.endIndex
                held.insert(request, at: index)
            }
        }
    }

    /// Moves held requests whose time has come to the ready ones.
    mutating func release(now: Int64) {
        let due = held.prefix { $0.notBefore <= now }
        if due.isEmpty { return }
        ready.append(contentsOf: due)
        held.removeFirst(due.count)
    }

    mutating func popReady() -> OutgoingRequest? {
        guard hasReady else { return nil }
        let request = ready[readyStart]
        readyStart += 1
        // Drop the consumed front now and then, so memory does not grow
        // with every request ever sent.
        if readyStart >= 1024 && readyStart * 2 >= ready.count {
            ready.removeFirst(readyStart)
            readyStart = 0
        }
        return request
    }
}
