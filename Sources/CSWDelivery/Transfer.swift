import CCurl
import CSWCore

/// The state of one request in flight, shared with curl's callbacks.
///
/// `Sender` hands curl an unmanaged pointer to it, retained once when the
/// transfer starts and released once when it finishes. The buffers curl
/// reads from (the error buffer and the request body) live exactly as long.
final class Transfer {
    let request: OutgoingRequest
    let startedAt: Int64
    let responseBodyLimit: Int
    /// curl writes its error text here (`CURLOPT_ERRORBUFFER`).
    let errorBuffer: UnsafeMutablePointer<CChar>
    /// The request body that `CURLOPT_POSTFIELDS` points to, since curl
    /// does not copy it.
    let bodyBuffer: UnsafeMutableBufferPointer<UInt8>
    var headerList: UnsafeMutablePointer<curl_slist>?

    var head = ResponseHead()
    var responseBody: [UInt8] = []
    /// Set when the write callback stopped reading because the body limit
    /// was reached.
    var bodyLimitReached = false
    /// Set once curl has a connection ready to send the request on, new or
    /// reused.
    var isConnected = false
    /// The first address the guard refused for this request, with the reason.
    var blockedAddress: IPAddress?
    var blockedReason: String?

    init(request: OutgoingRequest, responseBodyLimit: Int, startedAt: Int64) {
        self.request = request
        self.responseBodyLimit = responseBodyLimit
        self.startedAt = startedAt
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        bodyBuffer = .allocate(capacity: max(request.body.count, 1))
        _ = bodyBuffer.initialize(from: request.body)
        responseBody.reserveCapacity(min(responseBodyLimit, 65536))
    }

    deinit {
        errorBuffer.deallocate()
        bodyBuffer.deallocate()
        csw_curl_slist_free_all(headerList)
    }

    /// curl's error text for the failed transfer, or "" when it left none.
    var errorText: String {
        String(cString: errorBuffer).trimmingSpaces
    }

    /// Keeps response body bytes up to the limit, and returns how many bytes
    /// it took. Taking fewer than offered makes curl stop the transfer.
    func takeBody(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let room = responseBodyLimit - responseBody.count
        if bytes.count <= room {
            responseBody.append(contentsOf: bytes)
            return bytes.count
        }
        responseBody.append(contentsOf: bytes.prefix(room))
        bodyLimitReached = true
        return room
    }

    /// Checks an address with the guard, records the first refusal, and
    /// returns whether the connection may go ahead.
    func admits(_ address: IPAddress?) -> Bool {
        guard let address else {
            recordBlock(nil, reason: "the address is neither IPv4 nor IPv6")
            return false
        }
        guard let reason = AddressPolicy.rejection(for: address, allowPrivateNetwork: request.allowPrivateNetwork)
        else { return true }
        recordBlock(address, reason: reason)
        return false
    }

    private func recordBlock(_ address: IPAddress?, reason: String) {
        if blockedReason != nil { return }
        blockedAddress = address
        blockedReason = reason
    }
}
