/// Size limits on one request.
package struct HTTPLimits: Equatable, Sendable {
    /// The maximum size of the request line and headers in bytes, line ends included.
    package var maximumHeadBytes: Int
    /// The maximum body size in bytes, checked against `Content-Length` before reading.
    package var maximumBodyBytes: Int

    package init(maximumHeadBytes: Int = 16 * 1024, maximumBodyBytes: Int = 1024 * 1024) {
        self.maximumHeadBytes = maximumHeadBytes
        self.maximumBodyBytes = maximumBodyBytes
    }
}

/// A request the server rejects with an error status before reading further.
package struct HTTPRejection: Error, Equatable, Sendable {
    /// The response status, such as 400 or 413.
    package let status: Int
    /// One line for the response body and for logs.
    package let reason: String

    package init(status: Int, reason: String) {
        self.status = status
        self.reason = reason
    }
}

/// A parsed head and how many bytes of the buffer it used.
package struct ParsedHead: Equatable, Sendable {
    package let head: HTTPRequestHead
    /// The bytes up to and including the blank line after the headers.
    package let headLength: Int
    /// The body length from `Content-Length`, 0 when absent.
    package let bodyLength: Int
}

/// Parses HTTP/1.x request heads (RFC 9112) from raw bytes.
///
/// Bodies must come with `Content-Length`. A request with
/// `Transfer-Encoding` (chunked bodies) is rejected with 411 Length
/// Required, the status that asks the sender for a length.
package enum HTTPRequestParser {
    /// Parses the head at the start of `buffer`.
    ///
    /// - Returns: nil while the blank line that ends the head has not arrived
    ///   and the head is still within the limit.
    /// - Throws: `HTTPRejection` with 400, 411, 413, 431 or 505.
    package static func parseHead(_ buffer: ArraySlice<UInt8>, limits: HTTPLimits) throws(HTTPRejection) -> ParsedHead? {
        let start = buffer.startIndex + leadingLineEnds(buffer)
        guard let end = endOfHead(buffer, from: start) else {
            if buffer.count > limits.maximumHeadBytes {
                throw HTTPRejection(status: 431, reason: "request header fields exceed \(limits.maximumHeadBytes) bytes")
            }
            return nil
        }
        if end - buffer.startIndex > limits.maximumHeadBytes {
            throw HTTPRejection(status: 431, reason: "request header fields exceed \(limits.maximumHeadBytes) bytes")
        }
        let lines = splitLines(buffer[start..<end])
        guard let requestLine = lines.first else { throw badRequest("missing request line") }
        let (method, target, version) = try parseRequestLine(requestLine)
        var headers: [HTTPHeader] = []
        for line in lines.dropFirst() {
            headers.append(try parseField(line))
        }
        let head = HTTPRequestHead(method: method, target: target, version: version, headers: headers)
        let bodyLength = try contentLength(of: head, limits: limits)
        return ParsedHead(head: head, headLength: end - buffer.startIndex, bodyLength: bodyLength)
    }

    /// Counts the empty lines a client may send before a request line.
    private static func leadingLineEnds(_ buffer: ArraySlice<UInt8>) -> Int {
        var index = buffer.startIndex
        while index < buffer.endIndex, buffer[index] == 0x0D || buffer[index] == 0x0A {
            index += 1
        }
        return index - buffer.startIndex
    }

    /// Finds the index just past the blank line that ends the head. Both
    /// CRLF and bare LF line ends are accepted.
    private static func endOfHead(_ buffer: ArraySlice<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < buffer.endIndex {
            if buffer[index] == 0x0A {
                let next = index + 1
                if next < buffer.endIndex && buffer[next] == 0x0A { return next + 1 }
                if next + 1 < buffer.endIndex && buffer[next] == 0x0D && buffer[next + 1] == 0x0A { return next + 2 }
            }
            index += 1
        }
        return nil
    }

    /// Splits the head into lines without their CRLF or LF, dropping the
    /// final empty line.
    private static func splitLines(_ head: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPRejection) -> (String, String, String) {
        let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { throw badRequest("malformed request line") }
        let method = String(decoding: parts[0], as: UTF8.self)
        let target = String(decoding: parts[1], as: UTF8.self)
        let version = String(decoding: parts[2], as: UTF8.self)
        guard method.allSatisfy(\.isHTTPTokenCharacter) else { throw badRequest("malformed method") }
        guard parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw badRequest("malformed request target") }
        guard version.hasPrefix("HTTP/") else { throw badRequest("malformed HTTP version") }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            throw HTTPRejection(status: 505, reason: "unsupported HTTP version \(version): use HTTP/1.1")
        }
        return (method, target, version)
    }

    /// Parses `name: value`. Folded lines, a space before the colon, and
    /// control characters in the value are rejected (RFC 9112 section 5).
    private static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPRejection) -> HTTPHeader {
        if line.first == 0x20 || line.first == 0x09 { throw badRequest("folded header line") }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw badRequest("header line without a colon") }
        let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
        guard !name.isEmpty, name.allSatisfy(\.isHTTPTokenCharacter) else { throw badRequest("malformed header name") }
        let valueBytes = line[(colon + 1)...]
        guard !valueBytes.contains(where: { $0 == 0x00 || $0 == 0x0D || $0 == 0x7F }) else {
            throw badRequest("control character in header \(name)")
        }
        return HTTPHeader(name: name, value: String(decoding: valueBytes, as: UTF8.self).trimmingSpaces())
    }

    private static func contentLength(of head: HTTPRequestHead, limits: HTTPLimits) throws(HTTPRejection) -> Int {
        if !head.values(of: "Transfer-Encoding").isEmpty {
            throw HTTPRejection(status: 411, reason: "Transfer-Encoding (such as chunked) is not supported: send the body with Content-Length")
        }
        let values = head.values(of: "Content-Length").flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces() }
        guard let first = values.first else { return 0 }
        guard values.allSatisfy({ $0 == first }) else { throw badRequest("conflicting Content-Length headers") }
        guard !first.isEmpty, first.utf8.count <= 18, first.allSatisfy(\.isASCIIDigit), let length = Int(first) else {
            throw badRequest("malformed Content-Length")
        }
        if length > limits.maximumBodyBytes {
            throw HTTPRejection(status: 413, reason: "body of \(length) bytes exceeds the limit of \(limits.maximumBodyBytes) bytes")
        }
        return length
    }

    private static func badRequest(_ reason: String) -> HTTPRejection {
        HTTPRejection(status: 400, reason: reason)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
