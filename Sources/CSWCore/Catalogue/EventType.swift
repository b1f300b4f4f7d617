/// The groups Citizen Space events fall into.
package enum EventGroup: String, CaseIterable, Sendable {
    case responses
    case activities
    case users

    /// The event types of this group, in catalogue order.
    package var events: [EventType] { EventType.allCases.filter { $0.group == self } }
}

/// The fourteen Citizen Space event types. The raw value is the name that
/// travels in payloads and that users type.
package enum EventType: String, CaseIterable, Sendable, Comparable {
    case responseCreated = "response_created"
    case responseSubmitted = "response_submitted"
    case responseAnalysisModified = "response_analysis_modified"
    case responseAnalysisCompleted = "response_analysis_completed"
    case mailingListSubscriberAdded = "mailing_list_subscriber_added"
    case activityCreated = "activity_created"
    case activityPublished = "activity_published"
    case activityRetracted = "activity_retracted"
    case activityStateChanged = "activity_state_changed"
    case userCreated = "user_created"
    case userSuspended = "user_suspended"
    case userReinstated = "user_reinstated"
    case userProfileEdited = "user_profile_edited"
    case userDeleted = "user_deleted"

    package var group: EventGroup {
        switch self {
        case .responseCreated, .responseSubmitted, .responseAnalysisModified, .responseAnalysisCompleted,
            .mailingListSubscriberAdded:
            return .responses
        case .activityCreated, .activityPublished, .activityRetracted, .activityStateChanged:
            return .activities
        case .userCreated, .userSuspended, .userReinstated, .userProfileEdited, .userDeleted:
            return .users
        }
    }

    /// One line saying when Citizen Space sends the event.
    package var summary: String {
        switch self {
        case .responseCreated: return "A respondent started a response to an activity."
        case .responseSubmitted: return "A respondent submitted a response."
        case .responseAnalysisModified: return "An analyst changed the analysis of a response."
        case .responseAnalysisCompleted: return "The analysis of a response was marked complete."
        case .mailingListSubscriberAdded: return "Someone joined an activity's mailing list."
        case .activityCreated: return "An activity was created."
        case .activityPublished: return "An activity was published."
        case .activityRetracted: return "A published activity was retracted."
        case .activityStateChanged: return "An activity moved to another state, such as open to closed."
        case .userCreated: return "A user account was created."
        case .userSuspended: return "A user account was suspended."
        case .userReinstated: return "A suspended user account was reinstated."
        case .userProfileEdited: return "A user changed their profile."
        case .userDeleted: return "A user account was deleted."
        }
    }

    /// The position in the catalogue, which orders event types. A switch
    /// rather than a search of `allCases`, since sorting calls it often.
    package var ordinal: Int {
        switch self {
        case .responseCreated: return 0
        case .responseSubmitted: return 1
        case .responseAnalysisModified: return 2
        case .responseAnalysisCompleted: return 3
        case .mailingListSubscriberAdded: return 4
        case .activityCreated: return 5
        case .activityPublished: return 6
        case .activityRetracted: return 7
        case .activityStateChanged: return 8
        case .userCreated: return 9
        case .userSuspended: return 10
        case .userReinstated: return 11
        case .userProfileEdited: return 12
        case .userDeleted: return 13
        }
    }

    private static let byName: [String: EventType] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// The event type with this name, found by hashing rather than by
    /// comparing with each name in turn.
    package static func named(_ name: String) -> EventType? { byName[name] }

    package static func < (lhs: EventType, rhs: EventType) -> Bool {
        lhs.ordinal < rhs.ordinal
    }
}

/// Resolution of what users type where an event is accepted: an event name,
/// a group name, or `*` for all of them.
package enum EventSelector {
    /// Every word accepted where an event is: the event names, the group
    /// names and `*`.
    package static var allWords: [String] {
        EventType.allCases.map(\.rawValue) + EventGroup.allCases.map(\.rawValue) + ["*"]
    }

    /// The event types a word stands for, in catalogue order.
    ///
    /// - Throws: `InvalidValue` naming the word and the closest valid names.
    package static func resolve(_ word: String) throws -> [EventType] {
        if word == "*" { return EventType.allCases }
        if let event = EventType(rawValue: word) { return [event] }
        if let group = EventGroup(rawValue: word) { return group.events }
        throw InvalidValue(unknownMessage(word))
    }

    /// The union of several words, in catalogue order, without repeats.
    package static func resolve(_ words: [String]) throws -> [EventType] {
        var chosen = Set<EventType>()
        for word in words { chosen.formUnion(try resolve(word)) }
        return EventType.allCases.filter { chosen.contains($0) }
    }

    /// Only a single event type, not a group or `*`: what `csw fire` sends.
    package static func single(_ word: String) throws -> EventType {
        if let event = EventType(rawValue: word) { return event }
        if EventGroup(rawValue: word) != nil || word == "*" {
            throw InvalidValue("'\(WebhookURL.printable(word))' names several events; give one event type, such as \(EventGroup(rawValue: word)?.events.first?.rawValue ?? "response_submitted")")
        }
        throw InvalidValue(unknownMessage(word))
    }

    private static func unknownMessage(_ word: String) -> String {
        let close = Suggestions.closest(to: word, among: allWords.filter { $0 != "*" })
        let hint = close.isEmpty ? "run 'csw events' to list them" : "did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
        return "unknown event '\(WebhookURL.printable(word))': \(hint)"
    }
}
