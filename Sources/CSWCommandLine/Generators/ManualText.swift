import CSWCore

/// The hand-written parts of the man page. `ManPage` adds the rest from the
/// command table (synopsis, options, commands) and the event catalogue.
///
/// Text uses a small markup: `` `code` `` for what a user types (set in
/// bold) and `{NAME}` for a placeholder (set in italics).
package struct ManualText {
    /// The page date, `YYYY-MM-DD`; fixed, so that generating the page twice
    /// gives the same bytes.
    package var date: String
    package var description: [ManualBlock]
    /// Text before the list of event types.
    package var events: [ManualBlock]
    /// The event whose sample payload the page shows.
    package var sampleEvent: EventType
    /// That sample, as `csw events show` prints it.
    package var samplePayload: String
    /// How deliveries are recorded, retried and what their outcomes mean.
    package var deliveries: [ManualBlock]
    package var signatures: [ManualBlock]
    package var security: [ManualBlock]
    package var exitStatus: [ManualBlock]
    package var environment: [ManualBlock]
    package var files: [ManualBlock]
    package var examples: [ManualBlock]
    /// Related pages, such as `curl(1)`.
    package var seeAlso: [String]

    package init(
        date: String, description: [ManualBlock], events: [ManualBlock], sampleEvent: EventType,
        samplePayload: String, deliveries: [ManualBlock], signatures: [ManualBlock], security: [ManualBlock], exitStatus: [ManualBlock],
        environment: [ManualBlock], files: [ManualBlock], examples: [ManualBlock], seeAlso: [String]
    ) {
        self.date = date
        self.description = description
        self.events = events
        self.sampleEvent = sampleEvent
        self.samplePayload = samplePayload
        self.deliveries = deliveries
        self.signatures = signatures
        self.security = security
        self.exitStatus = exitStatus
        self.environment = environment
        self.files = files
        self.examples = examples
        self.seeAlso = seeAlso
    }
}

/// One block of hand-written man page text.
package enum ManualBlock {
    /// A paragraph of text with markup.
    case paragraph(String)
    /// A tagged paragraph: a term in markup, then its explanation.
    case item(term: String, body: String)
    /// An explanation in markup, then command lines shown as they are.
    case example(String, [String])
    /// Lines shown as they are, such as a payload.
    case literal([String])
}
