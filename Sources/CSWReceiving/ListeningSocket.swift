#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CSWCore

/// The POSIX socket calls behind `Listener`: a non-blocking listening TCP
/// socket on a loopback address, and accepting connections on it.
enum ListeningSocket {
    /// Creates, binds and listens, returning the descriptor and bound port.
    static func open(host: LoopbackAddress, port: UInt16) throws -> (descriptor: Int32, port: UInt16) {
        let family = host == .ipv6 ? AF_INET6 : AF_INET
        let descriptor = try System.retrying("socket") {
            socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        }
        do {
            try setOption(descriptor, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
            if host == .ipv6 {
                try setOption(descriptor, level: Int32(IPPROTO_IPV6), name: IPV6_V6ONLY, value: 1)
            }
            try bind(descriptor, host: host, port: port)
            try System.retrying("listen", subject: "\(host.rawValue) port \(port)") { listen(descriptor, 64) }
            return (descriptor, try boundPort(descriptor))
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// Accepts one pending connection as a non-blocking, close-on-exec
    /// socket, or returns nil when none is waiting or the process is out of
    /// descriptors. Glibc's Swift module lacks `accept4`, so the flags are
    /// set with `fcntl`, which is safe on this single thread.
    static func accept(_ listening: Int32) -> (Int32, String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        while true {
            let descriptor = withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.accept(listening, $0, &length)
                }
            }
            if descriptor >= 0 {
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                return (descriptor, describe(storage))
            }
            // A client that reset before accept leaves ECONNABORTED, so try the next one.
            if errno == EINTR || errno == ECONNABORTED { continue }
            return nil
        }
    }

    private static func setOption(_ descriptor: Int32, level: Int32, name: Int32, value: Int32) throws {
        var value = value
        try System.retrying("setsockopt") {
            setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    private static func bind(_ descriptor: Int32, host: LoopbackAddress, port: UInt16) throws {
        let subject = host == .ipv6 ? "[::1]:\(port)" : "127.0.0.1:\(port)"
        if host == .ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            address.sin6_addr = in6addr_loopback
            _ = try withUnsafePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    try System.retrying("bind", subject: subject) {
                        Glibc.bind(descriptor, socketAddress, socklen_t(MemoryLayout<sockaddr_in6>.size))
                    }
                }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
            _ = try withUnsafePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    try System.retrying("bind", subject: subject) {
                        Glibc.bind(descriptor, socketAddress, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
        }
    }

    private static func boundPort(_ descriptor: Int32) throws -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                try System.retrying("getsockname") { getsockname(descriptor, socketAddress, &length) }
            }
        }
        return port(of: storage)
    }

    private static func port(of storage: sockaddr_storage) -> UInt16 {
        var storage = storage
        let isIPv6 = storage.ss_family == sa_family_t(AF_INET6)
        return withUnsafePointer(to: &storage) { pointer in
            if isIPv6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
    }

    /// Formats an address as `127.0.0.1:53122` or `[::1]:53122`.
    private static func describe(_ storage: sockaddr_storage) -> String {
        var storage = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let isIPv6 = storage.ss_family == sa_family_t(AF_INET6)
        withUnsafePointer(to: &storage) { pointer in
            if isIPv6 {
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var raw = address.pointee.sin6_addr
                    _ = inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                }
            } else {
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var raw = address.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                }
            }
        }
        let host = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return isIPv6 ? "[\(host)]:\(port(of: storage))" : "\(host):\(port(of: storage))"
    }
}
