/// The special-purpose IPv4 and IPv6 ranges behind `AddressPolicy.classify`,
/// from the IANA special-purpose address registries.
extension AddressPolicy {
    private struct Range {
        let prefix: [UInt8]
        let length: Int
        let addressClass: AddressClass

        init(_ prefix: [UInt8], _ length: Int, _ addressClass: AddressClass) {
            self.prefix = prefix
            self.length = length
            self.addressClass = addressClass
        }

        func contains(_ bytes: [UInt8]) -> Bool {
            var remaining = length
            for (index, byte) in prefix.enumerated() where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xff << (8 - bits))
                if bytes[index] & mask != byte & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    private static let ipv4Ranges: [Range] = [
        Range([0], 8, .unspecified),
        Range([10], 8, .privateNetwork),
        Range([100, 64], 10, .carrierGradeNAT),
        Range([127], 8, .loopback),
        Range([169, 254], 16, .linkLocal),
        Range([172, 16], 12, .privateNetwork),
        Range([192, 0, 0], 24, .reserved),
        Range([192, 0, 2], 24, .documentation),
        Range([192, 88, 99], 24, .reserved),
        Range([192, 168], 16, .privateNetwork),
        Range([198, 18], 15, .reserved),
        Range([198, 51, 100], 24, .documentation),
        Range([203, 0, 113], 24, .documentation),
        Range([224], 4, .multicast),
        Range([240], 4, .reserved),
    ]

    private static let ipv6Ranges: [Range] = [
        Range([UInt8](repeating: 0, count: 16), 128, .unspecified),
        Range([UInt8](repeating: 0, count: 15) + [1], 128, .loopback),
        Range([0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, .privateNetwork),
        Range([0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, .reserved),
        Range([0x20, 0x01, 0x00, 0x02, 0x00, 0x00], 48, .reserved),
        Range([0x20, 0x01, 0x0d, 0xb8], 32, .documentation),
        Range([0x3f, 0xff], 20, .documentation),
        Range([0xfc], 7, .uniqueLocal),
        Range([0xfe, 0x80], 10, .linkLocal),
        Range([0xfe, 0xc0], 10, .privateNetwork),
        Range([0xff], 8, .multicast),
    ]

    /// The global unicast block 2000::/3. IANA has allocated no other IPv6
    /// unicast space, so addresses outside it and outside the ranges above
    /// are reserved.
    private static let globalUnicast = Range([0x20], 3, .publicAddress)

    static func classifyIPv4(_ bytes: [UInt8]) -> AddressClass {
        ipv4Ranges.first { $0.contains(bytes) }?.addressClass ?? .publicAddress
    }

    static func classifyIPv6(_ bytes: [UInt8]) -> AddressClass {
        if let range = ipv6Ranges.first(where: { $0.contains(bytes) }) { return range.addressClass }
        return globalUnicast.contains(bytes) ? .publicAddress : .reserved
    }

    /// The IPv4 address inside a NAT64 (64:ff9b::/96), 6to4 (2002::/16) or
    /// IPv4-translated (::ffff:0:0:0/96) address.
    static func embeddedIPv4(_ bytes: [UInt8]) -> [UInt8]? {
        let nat64 = Range([0x00, 0x64, 0xff, 0x9b] + [UInt8](repeating: 0, count: 8), 96, .publicAddress)
        let translated = Range([UInt8](repeating: 0, count: 8) + [0xff, 0xff, 0, 0], 96, .publicAddress)
        if nat64.contains(bytes) || translated.contains(bytes) { return Array(bytes[12..<16]) }
        if bytes[0] == 0x20 && bytes[1] == 0x02 { return Array(bytes[2..<6]) }
        return nil
    }
}
