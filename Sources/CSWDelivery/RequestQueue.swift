/// Requests waiting to be sent: those that may start now in arrival order,
/// and those delayed until their `notBefore` time.
struct RequestQueue {
    private var ready: [OutgoingRequest] = []
    private var readyStart = 0
    /// Delayed requests, sorted by `notBefore`, earliest first.
    private var delayed: [OutgoingRequest] = []

    var count: Int { ready.count - readyStart + delayed.count }
    var isEmpty: Bool { count == 0 }
    var hasReady: Bool { readyStart < ready.count }

    /// The earliest `notBefore` among delayed requests.
    var nextRelease: Int64? { delayed.first?.notBefore }

    mutating func add(_ requests: [OutgoingRequest], now: Int64) {
        for request in requests {
            if request.notBefore <= now {
                ready.append(request)
            } else {
                delayed.insert(request, at: insertionIndex(for: request.notBefore))
            }
        }
    }

    /// Finds where a request due at `time` goes in `delayed`: after every
    /// request due at or before it, so equal times keep their arrival order.
    private func insertionIndex(for time: Int64) -> Int {
        var low = 0
        var high = delayed.count
        while low < high {
            let middle = (low + high) / 2
            if delayed[middle].notBefore <= time {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Moves delayed requests whose time has come to the ready ones.
    mutating func release(now: Int64) {
        let due = delayed.prefix { $0.notBefore <= now }
        if due.isEmpty { return }
        ready.append(contentsOf: due)
        delayed.removeFirst(due.count)
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
