/// One header field as received, with the name's spelling kept.
package struct HTTPHeader: Equatable, Sendable {
    package let name: String
    package let value: String

    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The request line and header fields of an HTTP/1.x request.
package struct HTTPRequestHead: Equatable, Sendable {
    /// The method, such as `POST`, case kept.
    package let method: String
    /// The request target as sent, such as `/hooks?x=1`.
    package let target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    package let version: String
    package let headers: [HTTPHeader]

    /// Returns the value of the first header with this name, compared
    /// without regard to case, or nil when there is none.
    package func value(of name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Returns the values of every header with this name, compared without
    /// regard to case.
    package func values(of name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// Whether the connection stays open after the response: HTTP/1.1
    /// without a `close` connection option. HTTP/1.0 connections are always
    /// closed.
    package var keepsAlive: Bool {
        guard version == "HTTP/1.1" else { return false }
        let options = values(of: "Connection").flatMap { $0.split(separator: ",") }
        return !options.contains { $0.trimmingSpaces().lowercased() == "close" }
    }

    /// Whether the client waits for `100 Continue` before sending the body.
    package var expectsContinue: Bool {
        value(of: "Expect")?.trimmingSpaces().lowercased() == "100-continue"
    }

    /// The parsed `Content-Type`, or nil when absent or malformed.
    package var contentType: MediaType? {
        value(of: "Content-Type").flatMap(MediaType.init(parsing:))
    }
}

/// A complete request: head and raw body bytes.
package struct HTTPRequest: Equatable, Sendable {
    package let head: HTTPRequestHead
    /// The body exactly as received, never decoded or re-encoded.
    package let body: [UInt8]

    package init(head: HTTPRequestHead, body: [UInt8]) {
        self.head = head
        self.body = body
    }
}

extension StringProtocol {
    /// Returns the text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = lastIndex(where: { !isBlank($0) })!
        return String(self[first...last])
    }
}
