/// The status line and the header fields csw reads from a response, built
/// from the raw lines that curl's header callback passes on.
///
/// A response can carry several header blocks: interim 1xx responses such
/// as `100 Continue` come before the final one. Each status line starts a
/// new block and clears the fields of the one before.
struct ResponseHead {
    /// The status of the latest status line.
    private(set) var statusCode: Int?
    /// The reason phrase of the latest status line, such as `Not Found`.
    /// HTTP/2 has none.
    private(set) var reasonPhrase = ""
    private(set) var location: String?
    private(set) var retryAfter: String?
    /// Whether the blank line that ends the latest header block has arrived.
    private(set) var isComplete = false

    /// The final (non-1xx) status, once its status line has arrived.
    var finalStatusCode: Int? {
        guard let statusCode, statusCode >= 200 else { return nil }
        return statusCode
    }

    /// Takes in one raw header line, with or without its CR LF.
    mutating func add(line bytes: UnsafeBufferPointer<UInt8>) {
        var line = String(decoding: bytes, as: UTF8.self)
        while line.hasSuffix("\n") || line.hasSuffix("\r") || line.hasSuffix("\r\n") {
            line.removeLast()
        }
        if line.isEmpty {
            isComplete = true
        } else if line.hasPrefix("HTTP/") {
            startBlock(statusLine: line)
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingSpaces
            addField(name: name, value: value)
        }
    }

    private mutating func startBlock(statusLine: String) {
        // "HTTP/1.1 404 Not Found" or "HTTP/2 200"
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        statusCode = parts.count > 1 ? Int(parts[1]) : nil
        reasonPhrase = parts.count > 2 ? String(parts[2]).trimmingSpaces : ""
        location = nil
        retryAfter = nil
        isComplete = false
    }

    private mutating func addField(name: String, value: String) {
        switch name {
        case "location":
            location = value
        case "retry-after":
            retryAfter = value
        default:
            break
        }
    }
}
