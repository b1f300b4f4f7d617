#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An IPv4 or IPv6 address in network byte order.
///
/// An IPv4-mapped (`::ffff:a.b.c.d`) or IPv4-compatible (`::a.b.c.d`) IPv6
/// address is stored as the IPv4 address it carries, so `::ffff:7f00:1`
/// equals `127.0.0.1` and prints as that.
package struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    package let bytes: [UInt8]

    /// Creates an address from 4 or 16 bytes, or returns nil for any other count.
    package init?(bytes: [UInt8]) {
        switch bytes.count {
        case 4:
            self.bytes = bytes
        case 16:
            self.bytes = IPAddress.unwrappingIPv4(bytes)
        default:
            return nil
        }
    }

    /// Whether this is an IPv4 address, after unwrapping.
    package var isIPv4: Bool { bytes.count == 4 }

    /// The address in its usual text form: dotted decimal for IPv4, and the
    /// compressed lower-case form of RFC 5952 for IPv6, as `inet_ntop` writes it.
    package var text: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = isIPv4 ? AF_INET : AF_INET6
        let written = bytes.withUnsafeBytes { source in
            inet_ntop(family, source.baseAddress, &buffer, socklen_t(buffer.count))
        }
        precondition(written != nil, "inet_ntop rejected a \(bytes.count)-byte address")
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The network the address belongs to.
    package var addressClass: AddressClass { AddressPolicy.classify(self) }

    package var description: String { text }

    /// Replaces an IPv4-mapped or IPv4-compatible IPv6 address with the IPv4
    /// address it carries. `::` and `::1` stay IPv6.
    private static func unwrappingIPv4(_ bytes: [UInt8]) -> [UInt8] {
        let head = bytes[0..<10]
        guard head.allSatisfy({ $0 == 0 }) else { return bytes }
        let marker = (bytes[10], bytes[11])
        let tail = Array(bytes[12..<16])
        if marker == (0xff, 0xff) { return tail }
        let isUnspecifiedOrLoopback = tail[0] == 0 && tail[1] == 0 && tail[2] == 0 && tail[3] <= 1
        if marker == (0, 0) && !isUnspecifiedOrLoopback { return tail }
        return bytes
    }
}
