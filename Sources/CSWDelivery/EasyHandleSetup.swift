import CCurl

/// Sets the options of one transfer on an easy handle.
enum EasyHandleSetup {
    /// Configures a new or reset easy handle for a transfer, or returns the
    /// reason it could not.
    ///
    /// - Parameter context: the unmanaged `Transfer` pointer handed to every
    ///   callback and stored as `CURLOPT_PRIVATE`.
    static func configure(
        _ handle: UnsafeMutableRawPointer, transfer: Transfer, context: UnsafeMutableRawPointer,
        options: SenderOptions
    ) -> String? {
        let request = transfer.request
        var codes: [CURLcode] = [
            csw_easy_setopt_pointer(handle, CURLOPT_PRIVATE, context),
            csw_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, transfer.errorBuffer),
            csw_easy_setopt_pointer(handle, CURLOPT_URL, request.url),
            csw_easy_setopt_pointer(handle, CURLOPT_PROTOCOLS_STR, "http,https"),
            csw_easy_setopt_pointer(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"),
            csw_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0),
            // An empty proxy turns off the http_proxy and https_proxy
            // variables too, which would otherwise route around the guard.
            csw_easy_setopt_pointer(handle, CURLOPT_PROXY, ""),
            csw_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            csw_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1),
            csw_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2),
            csw_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMilliseconds),
            csw_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, options.totalTimeoutMilliseconds),
            csw_easy_setopt_long(handle, CURLOPT_POST, 1),
            csw_easy_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)),
            csw_easy_setopt_pointer(handle, CURLOPT_POSTFIELDS, transfer.bodyBuffer.baseAddress),
            csw_easy_setopt_pointer(handle, CURLOPT_HTTPHEADER, transfer.headerList),
            csw_easy_setopt_write(handle, CURLOPT_WRITEFUNCTION, TransferCallbacks.write),
            csw_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context),
            csw_easy_setopt_write(handle, CURLOPT_HEADERFUNCTION, TransferCallbacks.header),
            csw_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context),
            csw_easy_setopt_opensocket(handle, TransferCallbacks.openSocket),
            csw_easy_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, context),
            csw_easy_setopt_prereq(handle, TransferCallbacks.beforeRequest),
            csw_easy_setopt_pointer(handle, CURLOPT_PREREQDATA, context),
        ]
        if let caFile = request.caFile {
            codes.append(csw_easy_setopt_pointer(handle, CURLOPT_CAINFO, caFile))
        }
        guard let failed = codes.first(where: { $0 != CURLE_OK }) else { return nil }
        return "could not set up the request: " + String(cString: csw_curl_easy_strerror(failed))
    }
}
