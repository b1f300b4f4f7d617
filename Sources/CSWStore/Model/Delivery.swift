import CSWCore

/// The state of a delivery.
package enum DeliveryState: String, CaseIterable, Sendable {
    /// Recorded and not yet sent, or sent with no response recorded; due at once.
    case pending
    /// The receiver responded with a 2xx status.
    case delivered
    /// The last attempt failed; due again at `nextAttemptAt`.
    case failed
    /// Every attempt of the retry schedule failed; kept in the log.
    case exhausted
    /// Stopped for good: the receiver responded 410 Gone, or the subscription
    /// was deleted.
    case cancelled
}

/// One event sent to one subscription, with the outcome of its last attempt.
package struct Delivery: Sendable {
    /// The delivery id, which is also its `webhook-id`.
    package var id: String
    package var firedEventID: String
    package var subscriptionID: String
    package var event: String
    package var url: String
    package var state: DeliveryState
    package var outcome: String?
    package var statusCode: Int?
    package var reason: String?
    package var attemptCount: Int
    package var firstAttemptAt: Int64?
    package var nextAttemptAt: Int64?
    package var createdAt: Int64
    package var updatedAt: Int64
}

/// One event as fired: its type, department and the exact body bytes.
package struct FiredEvent: Sendable {
    package var id: String
    package var event: String
    package var departmentID: String
    package var body: [UInt8]
    package var bodySHA256: String
    package var createdAt: Int64

    package init(id: String, event: String, departmentID: String, body: [UInt8], bodySHA256: String, createdAt: Int64) {
        self.id = id
        self.event = event
        self.departmentID = departmentID
        self.body = body
        self.bodySHA256 = bodySHA256
        self.createdAt = createdAt
    }
}

/// One request sent for a delivery and what came back.
package struct Attempt: Sendable {
    package var deliveryID: String
    package var number: Int
    package var startedAt: Int64
    package var durationMilliseconds: Int
    package var outcome: String
    package var statusCode: Int?
    package var reason: String
    package var responseBody: [UInt8]
    package var bodyTruncated: Bool
    package var retryAfterSeconds: Int?

    package init(
        deliveryID: String, number: Int, startedAt: Int64, durationMilliseconds: Int, outcome: String, statusCode: Int?,
        reason: String, responseBody: [UInt8], bodyTruncated: Bool, retryAfterSeconds: Int?
    ) {
        self.deliveryID = deliveryID
        self.number = number
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.outcome = outcome
        self.statusCode = statusCode
        self.reason = reason
        self.responseBody = responseBody
        self.bodyTruncated = bodyTruncated
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// Which deliveries `csw deliveries` lists.
package struct DeliveryFilter: Sendable {
    package var subscriptionID: String?
    package var events: [String] = []
    package var onlyUnsuccessful = false
    package var createdSince: Int64?
    package var limit = 100
    /// Only deliveries due by this time, in milliseconds since the epoch.
    package var dueBy: Int64?

    package init() {}
}

/// An attempt to record with the state it leaves its delivery in.
package struct AttemptRecord: Sendable {
    package var attempt: Attempt
    package var state: DeliveryState
    /// When the delivery is due again, or nil when it is final.
    package var nextAttemptAt: Int64?
    /// The URL the attempt was sent to.
    package var url: String

    package init(attempt: Attempt, state: DeliveryState, nextAttemptAt: Int64?, url: String) {
        self.attempt = attempt
        self.state = state
        self.nextAttemptAt = nextAttemptAt
        self.url = url
    }
}
