import CCurl

/// Builds the curl header list for a request.
enum HeaderList {
    /// The reason a header cannot be sent, or nil when it can. A name must
    /// be an RFC 9110 token, and a value may hold no control character but
    /// horizontal tab, so no header can split the request.
    static func problem(name: String, value: String) -> String? {
        if name.isEmpty { return "a header has an empty name" }
        if !name.utf8.allSatisfy(isTokenByte) {
            return "header name \(quoted(name)) contains a character that is not allowed in a header name"
        }
        if value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7f }) {
            return "header \(name) has a control character (such as CR or LF) in its value"
        }
        return nil
    }

    /// The header lines to hand curl: the caller's headers, then empty
    /// `Content-Type:` and `Expect:` lines, which tell curl to send neither
    /// its own form content type nor `Expect: 100-continue`, unless the
    /// caller set them.
    static func lines(for request: OutgoingRequest, userAgent: String?) -> [String] {
        var lines: [String] = []
        var names = Set<String>()
        for header in request.headers {
            names.insert(header.name.lowercased())
            // curl reads "Name:" as "remove this header" and sends an empty
            // value only when written as "Name;".
            lines.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        if !names.contains("content-type") { lines.append("Content-Type:") }
        if !names.contains("expect") { lines.append("Expect:") }
        if !names.contains("user-agent"), let userAgent { lines.append("User-Agent: \(userAgent)") }
        return lines
    }

    /// Turns lines into a curl list, or returns nil when curl is out of memory.
    static func curlList(_ lines: [String]) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let longer = csw_curl_slist_append(list, line) else {
                csw_curl_slist_free_all(list)
                return nil
            }
            list = longer
        }
        return list
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { $0.escaped(asASCII: true) }.joined() + "\""
    }
}
