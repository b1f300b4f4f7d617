/// The kind of network an IP address belongs to, for the address guard. The raw value is the word used in messages ("a loopback address").
///
/// `AddressPolicy.classify(_:)` assigns these from the IANA IPv4 and IPv6
/// special-purpose address registries (RFC 6890 and its updates).
package enum AddressClass: String, CaseIterable, Sendable {
    /// Globally routable unicast: every address no other case claims.
    case publicAddress = "public"
    /// 127.0.0.0/8 and ::1.
    case loopback
    /// RFC 1918 (10/8, 172.16/12, 192.168/16), local-use NAT64
    /// 64:ff9b:1::/48 and the deprecated IPv6 site-local fec0::/10.
    case privateNetwork = "private"
    /// 169.254.0.0/16, which contains the cloud metadata address 169.254.169.254,
    /// and fe80::/10.
    case linkLocal = "link-local"
    /// 100.64.0.0/10, shared by carrier-grade NAT (RFC 6598).
    case carrierGradeNAT = "carrier-grade NAT"
    /// fc00::/7 (RFC 4193).
    case uniqueLocal = "unique-local"
    /// 224.0.0.0/4 and ff00::/8.
    case multicast
    /// 0.0.0.0/8 and ::. Linux connects a socket aimed at 0.0.0.0 to the
    /// local host, so these count as non-public.
    case unspecified
    /// Documentation ranges: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
    /// 2001:db8::/32 and 3fff::/20. They route nowhere, so a URL that
    /// resolves to one is a mistake or a test.
    case documentation
    /// Everything else set aside: 240.0.0.0/4 with the broadcast address
    /// 255.255.255.255, 192.0.0.0/24, 192.88.99.0/24, benchmarking
    /// 198.18.0.0/15 and 2001:2::/48, discard-only 100::/64, and IPv6 outside
    /// the global unicast block 2000::/3.
    case reserved

    /// Whether `--allow-private-network` lets csw deliver to this class.
    /// Multicast, documentation and reserved addresses are refused even then,
    /// because no webhook receiver can be listening on one.
    package var isAllowedWithPrivateNetwork: Bool {
        switch self {
        case .publicAddress, .loopback, .privateNetwork, .linkLocal, .carrierGradeNAT, .uniqueLocal,
            .unspecified:
            return true
        case .multicast, .documentation, .reserved:
            return false
        }
    }

    /// The class in a sentence, with its article: "a loopback address".
    package var phrase: String {
        let article = self == .unspecified ? "an" : "a"
        return "\(article) \(rawValue) address"
    }
}
