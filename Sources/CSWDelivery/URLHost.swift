import CCurl

/// Reads the host out of a URL with curl's own URL parser, so csw names the
/// host the same way curl resolved it.
enum URLHost {
    /// The host part of `url` as curl parses it (an IPv6 host keeps its
    /// brackets), or nil when curl cannot parse the URL.
    static func host(of url: String) -> String? {
        guard let parsed = csw_curl_url() else { return nil }
        defer { csw_curl_url_cleanup(parsed) }
        guard csw_curl_url_set(parsed, CURLUPART_URL, url, 0) == CURLUE_OK else { return nil }
        var host: UnsafeMutablePointer<CChar>? = nil
        guard csw_curl_url_get(parsed, CURLUPART_HOST, &host, 0) == CURLUE_OK, let host else { return nil }
        defer { csw_curl_free(host) }
        return String(cString: host)
    }
}
