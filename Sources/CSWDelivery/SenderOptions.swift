/// Limits and defaults for one `Sender`.
package struct SenderOptions {
    /// The maximum number of requests in flight at once.
    package var concurrency: Int
    /// How long to wait for the TCP connection and TLS handshake, in milliseconds.
    package var connectTimeoutMilliseconds: Int
    /// How long one request may take from start to the end of the response,
    /// in milliseconds, connecting included.
    package var totalTimeoutMilliseconds: Int
    /// The number of response body bytes kept in `DeliveryResult.responseBody`.
    /// The sender stops reading the response once it has this many.
    package var responseBodyLimit: Int
    /// The `User-Agent` sent with requests whose headers have none, or nil
    /// to send none.
    package var userAgent: String?

    package init(
        concurrency: Int = 32, connectTimeoutMilliseconds: Int = 5000, totalTimeoutMilliseconds: Int = 15000,
        responseBodyLimit: Int = 4096, userAgent: String? = nil
    ) {
        self.concurrency = concurrency
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
        self.responseBodyLimit = responseBodyLimit
        self.userAgent = userAgent
    }
}
