#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CCurl
import CSWCore

/// The C callbacks curl calls during a transfer. Each gets the transfer's
/// unmanaged `Transfer` pointer as its context and never retains it.
enum TransferCallbacks {
    static func transfer(_ context: UnsafeMutableRawPointer?) -> Transfer {
        Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
    }

    /// `CURLOPT_WRITEFUNCTION`: keeps the start of the response body.
    static let write: curl_write_callback = { data, size, count, context in
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(data)?.assumingMemoryBound(to: UInt8.self), count: size * count)
        return TransferCallbacks.transfer(context).takeBody(bytes)
    }

    /// `CURLOPT_HEADERFUNCTION`: curl passes one whole header line per call.
    static let header: curl_write_callback = { data, size, count, context in
        let length = size * count
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(data)?.assumingMemoryBound(to: UInt8.self), count: length)
        TransferCallbacks.transfer(context).head.add(line: bytes)
        return length
    }

    /// `CURLOPT_OPENSOCKETFUNCTION`: the address guard. curl calls it with
    /// each address it is about to connect to, after DNS, so refusing here
    /// stops the connection before a single packet goes out.
    static let openSocket: curl_opensocket_callback = { context, _, address in
        guard let address else { return CURL_SOCKET_BAD }
        let target = AddressPolicy.address(from: csw_curl_sockaddr_address(address))
        guard TransferCallbacks.transfer(context).admits(target) else { return CURL_SOCKET_BAD }
        let kind = address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue)
        return socket(address.pointee.family, kind, address.pointee.protocol)
    }

    /// `CURLOPT_PREREQFUNCTION`: runs once a connection is ready, new or
    /// reused, before the request goes out. It checks the address again,
    /// because a connection that curl reuses from its cache never passes
    /// through `openSocket`, and it may have been opened for a request that
    /// allowed private networks.
    static let beforeRequest: curl_prereq_callback = { context, primaryAddress, _, _, _ in
        let transfer = TransferCallbacks.transfer(context)
        let text = primaryAddress.map { String(cString: $0) } ?? ""
        guard transfer.admits(AddressPolicy.literalAddress(host: text)) else { return CURL_PREREQFUNC_ABORT }
        transfer.isConnected = true
        return CURL_PREREQFUNC_OK
    }
}
