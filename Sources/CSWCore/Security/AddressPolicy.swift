#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The address guard: which IP addresses csw may deliver webhooks to.
///
/// csw delivers only to public addresses unless a subscription has
/// `--allow-private-network`. This stops a subscription URL from reaching
/// the local host, the local network or a cloud metadata service. The sender
/// checks the address it is about to connect to, after DNS, so a host name
/// that resolves to a private address is caught as well.
package enum AddressPolicy {
    /// Classifies an address. An IPv6 address that embeds an IPv4 address
    /// (NAT64 `64:ff9b::/96`, 6to4 `2002::/16`, IPv4-translated
    /// `::ffff:0:a.b.c.d`) takes the class of the embedded address, because
    /// traffic to it ends up at that IPv4 address.
    package static func classify(_ address: IPAddress) -> AddressClass {
        if address.isIPv4 { return classifyIPv4(address.bytes) }
        if let embedded = embeddedIPv4(address.bytes) { return classifyIPv4(embedded) }
        return classifyIPv6(address.bytes)
    }

    /// Parses the host part of a URL as an IP address literal, or returns nil
    /// for a DNS name.
    ///
    /// Accepts IPv6 with or without brackets (`[::1]`, `::1`, a zone such as
    /// `%25eth0` is dropped) and every IPv4 form that `inet_aton` and URL
    /// parsers accept: `127.0.0.1`, `2130706433`, `0x7f.1`, `017700000001`,
    /// `127.1`, with an optional trailing dot.
    package static func literalAddress(host: String) -> IPAddress? {
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count >= 2 else { return nil }
            return parseIPv6(String(host.dropFirst().dropLast()))
        }
        if host.contains(":") { return parseIPv6(host) }
        return IPv4Literal.parse(host).flatMap { IPAddress(bytes: $0) }
    }

    /// The reason csw does not deliver to an address, or nil when it may.
    ///
    /// - Parameter allowPrivateNetwork: whether the subscription has
    ///   `--allow-private-network`, which opens every class but multicast,
    ///   documentation and reserved addresses.
    package static func rejection(for address: IPAddress, allowPrivateNetwork: Bool = false) -> String? {
        let addressClass = classify(address)
        if addressClass == .publicAddress { return nil }
        if !addressClass.isAllowedWithPrivateNetwork {
            return "\(address.text) is \(addressClass.phrase); csw never delivers to one"
        }
        if allowPrivateNetwork { return nil }
        return "\(address.text) is \(addressClass.phrase); csw delivers only to public addresses"
            + " unless the subscription allows private networks (--allow-private-network)"
    }

    /// Reads the address out of a socket address, or returns nil when it is
    /// neither `AF_INET` nor `AF_INET6`. The caller guarantees that the
    /// memory behind `socketAddress` is as long as its family requires.
    package static func address(from socketAddress: UnsafePointer<sockaddr>) -> IPAddress? {
        let raw = UnsafeRawPointer(socketAddress)
        switch Int32(socketAddress.pointee.sa_family) {
        case AF_INET:
            let ipv4 = raw.loadUnaligned(as: sockaddr_in.self)
            return withUnsafeBytes(of: ipv4.sin_addr) { IPAddress(bytes: Array($0)) }
        case AF_INET6:
            let ipv6 = raw.loadUnaligned(as: sockaddr_in6.self)
            return withUnsafeBytes(of: ipv6.sin6_addr) { IPAddress(bytes: Array($0)) }
        default:
            return nil
        }
    }

    private static func parseIPv6(_ text: String) -> IPAddress? {
        // A zone identifier (`fe80::1%eth0`, percent-encoded `%25eth0` in a
        // URL) names an interface, not part of the address.
        let address = text.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)[0]
        var bytes = [UInt8](repeating: 0, count: 16)
        let parsed = String(address).withCString { inet_pton(AF_INET6, $0, &bytes) }
        return parsed == 1 ? IPAddress(bytes: bytes) : nil
    }
}
