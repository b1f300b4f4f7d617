/// One webhook POST for `Sender` to send.
///
/// The caller builds every header, including the `webhook-*` headers,
/// `Content-Type` and `User-Agent`. The sender adds only what HTTP itself
/// needs (`Host`, `Content-Length`, `Accept`) and removes the headers curl
/// would otherwise add on its own (`Content-Type:
/// application/x-www-form-urlencoded`, `Expect: 100-continue`).
package struct OutgoingRequest {
    /// The caller's handle for this request, returned in its `DeliveryResult`.
    package var tag: Int
    /// The `http` or `https` URL to POST to.
    package var url: String
    /// Header fields in the order they are sent. A name or value with a
    /// control character fails the request as `invalidRequest` before
    /// anything is sent.
    package var headers: [(name: String, value: String)]
    /// The request body, sent byte for byte.
    package var body: [UInt8]
    /// Whether the address guard lets this request reach non-public
    /// addresses (loopback, private, link-local and so on). See `AddressPolicy`.
    package var allowPrivateNetwork: Bool
    /// A file of PEM certificates to verify the server with, in place of the
    /// system's. Peer and host name verification are always on.
    package var caFile: String?
    /// The earliest time to start sending, in `Clock.monotonicMilliseconds()`.
    /// The sender keeps the request queued until then, which is how in-run retries wait.
    package var notBefore: Int64

    package init(
        tag: Int, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        allowPrivateNetwork: Bool = false, caFile: String? = nil, notBefore: Int64 = 0
    ) {
        self.tag = tag
        self.url = url
        self.headers = headers
        self.body = body
        self.allowPrivateNetwork = allowPrivateNetwork
        self.caFile = caFile
        self.notBefore = notBefore
    }
}
