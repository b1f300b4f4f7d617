/// Builds the bytes of the small responses the listener sends.
enum HTTPResponse {
    /// Returns a full response with an optional plain-text body. A 204 or
    /// 1xx response carries no `Content-Length` (RFC 9110 section 8.6).
    static func bytes(status: Int, body: String = "", closing: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(reasonPhrase(status))\r\n"
        let hasBody = status != 204 && status != 304 && status >= 200
        if hasBody {
            if !body.isEmpty { text += "Content-Type: text/plain; charset=utf-8\r\n" }
            text += "Content-Length: \(body.utf8.count)\r\n"
        }
        if closing { text += "Connection: close\r\n" }
        text += "\r\n"
        if hasBody { text += body }
        return Array(text.utf8)
    }

    /// The interim response a client that sent `Expect: 100-continue` waits for.
    static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Returns the standard reason phrase, or an empty one for codes without a common phrase.
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 422: return "Unprocessable Content"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 505: return "HTTP Version Not Supported"
        default: return ""
        }
    }
}
