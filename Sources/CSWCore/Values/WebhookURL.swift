/// A subscription's target URL, checked when it is entered and masked when it
/// is shown.
///
/// Only absolute `http` and `https` URLs with a host are accepted. Spaces,
/// control characters and fragments are rejected, since a fragment is never
/// sent and the others would change the request line.
package struct WebhookURL: Equatable, Sendable {
    /// The URL exactly as given.
    package let text: String
    package let scheme: String
    /// The host as written, without brackets around an IPv6 literal.
    package let host: String
    package let port: Int?
    /// `user` or `user:password`, when the URL carries credentials.
    package let userInfo: String?
    /// Everything from the first `/`, `?` after the authority; may be empty.
    package let pathAndQuery: String

    /// Parses and checks a URL.
    ///
    /// - Throws: `InvalidValue` naming the URL (masked) and what to fix.
    package init(_ text: String) throws {
        self.text = text
        let shown = WebhookURL.maskedText(text)
        for scalar in text.unicodeScalars {
            if scalar == " " {
                throw InvalidValue("invalid URL '\(shown)': it contains a space; write it as %20")
            }
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                throw InvalidValue("invalid URL '\(WebhookURL.printable(shown))': it contains a control character; remove it")
            }
        }
        guard let schemeEnd = text.firstRange(of: "://") else {
            throw InvalidValue("invalid URL '\(shown)': it must be absolute, such as https://hooks.example.org/in")
        }
        scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw InvalidValue("invalid URL '\(shown)': the scheme must be http or https, not '\(scheme)'")
        }
        if text.contains("#") {
            throw InvalidValue("invalid URL '\(shown)': it has a fragment (#...), which is never sent; remove it")
        }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        pathAndQuery = String(rest[authorityEnd...])
        if let at = authority.lastIndex(of: "@") {
            userInfo = String(authority[..<at])
            authority = authority[authority.index(after: at)...]
        } else {
            userInfo = nil
        }
        let (host, portText) = try WebhookURL.splitHostPort(authority, shown: shown)
        guard !host.isEmpty else {
            throw InvalidValue("invalid URL '\(shown)': it has no host; write it as \(scheme)://HOST/PATH")
        }
        if !host.contains(":"), let problem = WebhookURL.hostNameProblem(host) {
            throw InvalidValue("invalid URL '\(shown)': the host '\(host)' \(problem)")
        }
        self.host = host
        if let portText {
            guard let port = Int(portText), (1...65535).contains(port) else {
                throw InvalidValue("invalid URL '\(shown)': the port '\(portText)' must be a number from 1 to 65535")
            }
            self.port = port
        } else {
            self.port = nil
        }
    }

    private static func splitHostPort(_ authority: Substring, shown: String) throws -> (String, String?) {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw InvalidValue("invalid URL '\(shown)': the IPv6 address has no closing ']'")
            }
            let host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.isEmpty { return (host, nil) }
            guard after.hasPrefix(":") else {
                throw InvalidValue("invalid URL '\(shown)': unexpected text after the IPv6 address")
            }
            return (host, String(after.dropFirst()))
        }
        if let colon = authority.lastIndex(of: ":") {
            return (String(authority[..<colon]), String(authority[authority.index(after: colon)...]))
        }
        return (String(authority), nil)
    }

    /// Why a host name cannot be one, or nil when it can: labels of letters,
    /// digits, hyphens and underscores (or non-ASCII letters, for
    /// international names), separated by dots, none starting or ending
    /// with a hyphen. A final dot is allowed.
    private static func hostNameProblem(_ host: String) -> String? {
        let name = host.hasSuffix(".") ? String(host.dropLast()) : host
        // A name whose last label is all digits can only be an IPv4 address
        // (in any inet_aton spelling), and one that is not, is neither.
        if let last = name.split(separator: ".").last, last.allSatisfy({ $0.isASCII && $0.isNumber }),
            AddressPolicy.literalAddress(host: host) == nil
        {
            return "is neither an IPv4 address nor a host name; fix the host name"
        }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            if label.isEmpty { return "has an empty label (two dots in a row, or a leading dot); fix the host name" }
            if label.hasPrefix("-") || label.hasSuffix("-") {
                return "has a label that starts or ends with a hyphen; fix the host name"
            }
            let allowed = label.unicodeScalars.allSatisfy { scalar in
                !scalar.isASCII || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
            }
            if !allowed { return "contains a character that no host name has; fix the host name" }
        }
        return nil
    }

    /// The URL in a form for comparing two URLs: scheme and host in lower
    /// case and a default port (80 for http, 443 for https) left out, since
    /// those spellings reach the same receiver.
    /// A final dot on the host, an empty query and percent-escapes of
    /// unreserved characters (RFC 3986, section 6.2.2.2) are dropped too.
    package var comparisonKey: String {
        let defaultPort = scheme == "https" ? 443 : 80
        let portText = port.map { $0 == defaultPort ? "" : ":\($0)" } ?? ""
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let hostText = host.contains(":") ? "[\(name)]" : name
        let credentials = userInfo.map { $0 + "@" } ?? ""
        var rest = WebhookURL.decodingUnreserved(pathAndQuery)
        if rest.hasSuffix("?") { rest.removeLast() }
        if rest.isEmpty { rest = "/" }
        return "\(scheme)://\(credentials)\(hostText)\(portText)\(rest)"
    }

    /// Replaces `%XX` escapes of letters, digits, `-`, `.`, `_` and `~` with
    /// the character, since both spellings mean the same URL.
    private static func decodingUnreserved(_ text: String) -> String {
        var bytes = Array(text.utf8)
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "%"),
                let value = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16),
                value < 0x80, Character(Unicode.Scalar(value)).isLetter || Character(Unicode.Scalar(value)).isNumber
                    || [UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~")].contains(value)
            {
                bytes.replaceSubrange(index...index + 2, with: [value])
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The URL with credentials hidden: the password of the user-info, the
    /// values of query parameters whose names suggest a secret, and path
    /// segments that look like tokens.
    package var masked: String { WebhookURL.maskedText(text) }

    /// Whether masking hides anything in this URL.
    package var hasCredentials: Bool { masked != text }

    /// Masks a URL given as text, even one that does not parse.
    package static func maskedText(_ text: String) -> String {
        if !mayNeedMasking(text) { return text }
        guard let schemeEnd = text.firstRange(of: "://") else { return text }
        var result = String(text[..<schemeEnd.upperBound])
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@") {
            let info = authority[..<at]
            let user = info.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            authority = (info.contains(":") ? "\(user):***" : "***") + authority[at...]
        }
        result += authority
        var tail = String(rest[authorityEnd...])
        var query = ""
        if let question = tail.firstIndex(of: "?") {
            query = String(tail[question...])
            tail = String(tail[..<question])
        }
        result += tail.split(separator: "/", omittingEmptySubsequences: false)
            .map { looksLikeToken($0) ? "***" : String($0) }
            .joined(separator: "/")
        result += maskQuery(query)
        return result
    }

    /// Whether a URL has anything masking could hide: user-info, a query, or
    /// a path segment long enough to be a token. Most URLs have none, and
    /// `csw list` masks every row.
    private static func mayNeedMasking(_ text: String) -> Bool {
        var segmentLength = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "@"), UInt8(ascii: "?"): return true
            case UInt8(ascii: "/"): segmentLength = 0
            default:
                segmentLength += 1
                if segmentLength >= 20 { return true }
            }
        }
        return false
    }

    private static let secretParameterWords = [
        "token", "secret", "key", "password", "passwd", "pwd", "sig", "signature", "auth", "code", "credential",
    ]

    private static func maskQuery(_ query: String) -> String {
        guard query.hasPrefix("?") else { return query }
        let pairs = query.dropFirst().split(separator: "&", omittingEmptySubsequences: false)
        let masked = pairs.map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let name = pair[..<equals].lowercased()
            let secret = secretParameterWords.contains { name.contains($0) }
            return secret ? "\(pair[..<equals])=***" : String(pair)
        }
        return "?" + masked.joined(separator: "&")
    }

    /// A path segment of 20 or more characters mixing letters and digits,
    /// as in Slack-style webhook URLs.
    private static func looksLikeToken(_ segment: Substring) -> Bool {
        guard segment.count >= 20 else { return false }
        let letters = segment.contains { $0.isLetter }
        let digits = segment.contains { $0.isNumber }
        let plain = segment.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return letters && digits && plain
    }

    /// Shows control characters (C0, DEL and C1) as escapes, so an error
    /// stays on one line and cannot send terminal control sequences.
    package static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += escape(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return "\\u{" + String(scalar.value, radix: 16) + "}"
        }
    }
}
