/// Sample payloads in the flat shape Citizen Space documents for
/// `response_submitted`: string fields only, `department_id` first and
/// `event` last, an `api_url` where the resource has one, no personal data.
package enum SamplePayload {
    /// The site base URL used when none is configured.
    package static let defaultSiteURL = "https://demo.citizenspace.com"

    private static let activityID = "bushfire-risk-management"
    private static let activityUID = "46295cac2d65426b8a3d3c1432394047"
    private static let responseID = "ANON-4515-WDZV-T"
    private static let userID = "u-7f3a9c21"

    /// The sample's fields, in order.
    package static func fields(for event: EventType, department: String, siteURL: String) -> [(String, String)] {
        let base = siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL
        let activityURL = "\(base)/api/1/activities/\(activityUID)"
        var fields: [(String, String)] = [("department_id", department)]
        switch event.group {
        case .responses where event == .mailingListSubscriberAdded:
            fields += [("activity_id", activityID), ("activity_uid", activityUID), ("subscriber_id", "sub-2c81f0"), ("api_url", activityURL)]
        case .responses:
            fields += [
                ("activity_id", activityID), ("activity_uid", activityUID), ("response_id", responseID),
                ("api_url", "\(activityURL)/responses/\(responseID)"),
            ]
        case .activities:
            fields += [("activity_id", activityID), ("activity_uid", activityUID)]
            if event == .activityStateChanged { fields += [("previous_state", "open"), ("new_state", "closed")] }
            fields.append(("api_url", activityURL))
        case .users:
            fields.append(("user_id", userID))
            // A deleted user has no resource left to point at.
            if event != .userDeleted { fields.append(("api_url", "\(base)/api/1/users/\(userID)")) }
        }
        fields.append(("event", event.rawValue))
        return fields
    }

    /// The sample as a JSON object.
    package static func json(for event: EventType, department: String, siteURL: String) -> JSONValue {
        .object(fields(for: event, department: department, siteURL: siteURL).map { ($0.0, .string($0.1)) })
    }
}
