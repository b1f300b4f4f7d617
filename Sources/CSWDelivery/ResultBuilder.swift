#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CCurl
import CSWCore

/// Turns a finished transfer into a `DeliveryResult`.
struct ResultBuilder {
    let handle: UnsafeMutableRawPointer
    let transfer: Transfer
    let options: SenderOptions

    func build(code: CURLcode, now: Int64) -> DeliveryResult {
        var result = DeliveryResult(tag: transfer.request.tag, outcome: .connectionError, reason: "")
        result.durationMilliseconds = Int(now - transfer.startedAt)
        result.responseBody = transfer.responseBody
        result.remoteAddress = remoteAddress
        if let status = transfer.head.finalStatusCode {
            describeResponse(status: status, code: code, into: &result)
        } else {
            describeFailure(code: code, into: &result)
        }
        return result
    }

    // MARK: A response status arrived

    private func describeResponse(status: Int, code: CURLcode, into result: inout DeliveryResult) {
        result.statusCode = status
        result.bodyTruncated = code != CURLE_OK
        let phrase = PrintableLine.make(transfer.head.reasonPhrase, limit: 60)
        let statusText = phrase.isEmpty ? "HTTP \(status)" : "HTTP \(status) \(phrase)"
        switch status {
        case 200..<300:
            result.outcome = .delivered
            result.reason = statusText
        case 300..<400:
            describeRedirect(statusText: statusText, into: &result)
        case 410:
            result.outcome = .gone
            result.reason = statusText + bodySnippetSuffix
        case 429:
            describeRateLimit(statusText: statusText, into: &result)
        case 503:
            // RFC 9110 lets a 503 carry Retry-After too, for planned downtime.
            result.outcome = .httpError
            result.reason = statusText + bodySnippetSuffix
            applyRetryAfter(into: &result)
        default:
            result.outcome = .httpError
            result.reason = statusText + bodySnippetSuffix
        }
        if code != CURLE_OK {
            result.reason += " (response body cut off: \(cutOffCause(code)))"
        }
    }

    private func describeRedirect(statusText: String, into result: inout DeliveryResult) {
        result.outcome = .redirect
        guard transfer.head.location != nil else {
            result.reason = "\(statusText) redirect without a Location header (not followed)"
            return
        }
        // curl resolves a relative Location against the request URL.
        let target = PrintableLine.make(info(CURLINFO_REDIRECT_URL) ?? transfer.head.location!)
        result.location = target
        result.reason = "\(statusText) redirect to \(target) (not followed; update the subscription's URL to \(target))"
    }

    private func describeRateLimit(statusText: String, into result: inout DeliveryResult) {
        result.outcome = .rateLimited
        result.reason = statusText
        applyRetryAfter(into: &result)
    }

    /// Reads `Retry-After` as seconds or an HTTP date into the result, or
    /// adds a warning when it is neither.
    private func applyRetryAfter(into result: inout DeliveryResult) {
        guard let value = transfer.head.retryAfter else { return }
        let nowSeconds = Clock.nowMilliseconds() / 1000
        if let seconds = RetryPolicy.parseRetryAfter(value, nowSeconds: nowSeconds) {
            result.retryAfterSeconds = seconds
            result.reason += "; Retry-After \(seconds) s"
        } else {
            let printableValue = PrintableLine.make(value, limit: 60)
            result.warnings.append(
                "ignored invalid Retry-After header \"\(printableValue)\"; expected seconds or an HTTP date")
        }
    }

    private func cutOffCause(_ code: CURLcode) -> String {
        if code == CURLE_WRITE_ERROR && transfer.bodyLimitReached {
            return "csw keeps only the first \(options.responseBodyLimit) bytes"
        }
        if code == CURLE_OPERATION_TIMEDOUT {
            return "no complete response within \(seconds(options.totalTimeoutMilliseconds))"
        }
        return curlText(code)
    }

    /// ": " and the start of the response body as one line of printable
    /// text, or "" when the body is empty.
    private var bodySnippetSuffix: String {
        let snippet = PrintableLine.make(transfer.responseBody, limit: 100)
        return snippet.isEmpty ? "" : ": " + snippet
    }

    // MARK: No response status

    private func describeFailure(code: CURLcode, into result: inout DeliveryResult) {
        result.bodyTruncated = !transfer.responseBody.isEmpty
        if let blockedReason = transfer.blockedReason,
            [CURLE_COULDNT_CONNECT, CURLE_ABORTED_BY_CALLBACK].contains(code)
        {
            result.outcome = .blocked
            result.blockedAddress = transfer.blockedAddress
            result.reason = "blocked: " + blockedReason
            return
        }
        (result.outcome, result.reason) = failure(code: code)
    }

    private func failure(code: CURLcode) -> (DeliveryOutcome, String) {
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return timeoutFailure()
        case CURLE_COULDNT_RESOLVE_HOST:
            return (.dnsFailed, "could not resolve host \(hostName)")
        case CURLE_COULDNT_CONNECT:
            return (.connectFailed, connectFailureText)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_USE_SSL_FAILED, CURLE_SSL_ENGINE_INITFAILED:
            return (.tlsFailed, tlsFailureText(curlText(code)))
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return (.invalidRequest, "invalid URL \(transfer.request.url): \(curlText(code))")
        case CURLE_GOT_NOTHING:
            return (.connectionError, "the server closed the connection without a response")
        default:
            return (.connectionError, curlText(code))
        }
    }

    /// curl's TLS error text, which calls TLS "SSL", in csw's words:
    /// "SSL certificate problem: …" becomes "TLS certificate problem: …".
    private func tlsFailureText(_ text: String) -> String {
        if text.hasPrefix("SSL: ") || text.hasPrefix("SSL ") { return "TLS" + text.dropFirst(3) }
        return "TLS handshake failed: " + text
    }

    private func timeoutFailure() -> (DeliveryOutcome, String) {
        if transfer.isConnected {
            return (.timeout, "connected, no response within \(seconds(options.totalTimeoutMilliseconds))")
        }
        let limit = seconds(min(options.connectTimeoutMilliseconds, options.totalTimeoutMilliseconds))
        if offsetInfo(CURLINFO_CONNECT_TIME_T) > 0 {
            return (.connectTimeout, "connect timed out after \(limit): the TLS handshake did not finish")
        }
        return (.connectTimeout, "connect timed out after \(limit)")
    }

    private var connectFailureText: String {
        var number = 0
        _ = csw_easy_getinfo_long(handle, CURLINFO_OS_ERRNO, &number)
        switch Int32(number) {
        case ECONNREFUSED: return "connection refused"
        case ENETUNREACH: return "network unreachable"
        case EHOSTUNREACH: return "host unreachable"
        default: return curlText(CURLE_COULDNT_CONNECT)
        }
    }

    // MARK: curl information

    /// curl's error text for the transfer, with its code's general text as
    /// a fallback.
    private func curlText(_ code: CURLcode) -> String {
        let text = transfer.errorText
        if !text.isEmpty { return firstLetterLowered(text) }
        return firstLetterLowered(String(cString: csw_curl_easy_strerror(code)))
    }

    private var hostName: String {
        URLHost.host(of: transfer.request.url) ?? transfer.request.url
    }

    private var remoteAddress: String? {
        guard let text = info(CURLINFO_PRIMARY_IP), !text.isEmpty else { return nil }
        return text
    }

    private func info(_ item: CURLINFO) -> String? {
        var pointer: UnsafeMutablePointer<CChar>? = nil
        guard csw_easy_getinfo_string(handle, item, &pointer) == CURLE_OK, let pointer else { return nil }
        return String(cString: pointer)
    }

    private func offsetInfo(_ item: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        _ = csw_easy_getinfo_offset(handle, item, &value)
        return Int64(value)
    }

    private func seconds(_ milliseconds: Int) -> String {
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        let tenths = (milliseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10) s"
    }

    private func firstLetterLowered(_ text: String) -> String {
        // curl's texts start with a capital ("Failed to connect"), which
        // reads oddly in the middle of a reason line. Acronyms such as "SSL"
        // keep their case.
        guard let first = text.first, text.dropFirst().first?.isLowercase == true else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
