#if canImport(Glibc)
import Glibc
#endif
import CSWCore
import Testing

@Suite("AddressPolicy")
struct AddressPolicyTests {
    struct LiteralCase: CustomTestStringConvertible, Sendable {
        let host: String
        let text: String
        let addressClass: AddressClass
        var testDescription: String { host }
    }

    static let literals: [LiteralCase] = [
        LiteralCase(host: "127.0.0.1", text: "127.0.0.1", addressClass: .loopback),
        LiteralCase(host: "[::ffff:7f00:1]", text: "127.0.0.1", addressClass: .loopback),
        LiteralCase(host: "[::ffff:127.0.0.1]", text: "127.0.0.1", addressClass: .loopback),
        LiteralCase(host: "2130706433", text: "127.0.0.1", addressClass: .loopback),
        LiteralCase(host: "0x7f.1", text: "127.0.0.1", addressClass: .loopback),
        LiteralCase(host: "017700000001", text: "127.0.0.1", addressClass: .loopback),
        LiteralCase(host: "127.1", text: "127.0.0.1", addressClass: .loopback),
        LiteralCase(host: "0177.0.0.01", text: "127.0.0.1", addressClass: .loopback),
        LiteralCase(host: "127.0.0.1.", text: "127.0.0.1", addressClass: .loopback),
        LiteralCase(host: "[::1]", text: "::1", addressClass: .loopback),
        LiteralCase(host: "::1", text: "::1", addressClass: .loopback),
        LiteralCase(host: "[::127.0.0.1]", text: "127.0.0.1", addressClass: .loopback),
        LiteralCase(host: "[64:ff9b::7f00:1]", text: "64:ff9b::7f00:1", addressClass: .loopback),
        LiteralCase(host: "[2002:a00:1::]", text: "2002:a00:1::", addressClass: .privateNetwork),
        LiteralCase(host: "[fd00::5]", text: "fd00::5", addressClass: .uniqueLocal),
        LiteralCase(host: "10.1.2.3", text: "10.1.2.3", addressClass: .privateNetwork),
        LiteralCase(host: "172.16.0.1", text: "172.16.0.1", addressClass: .privateNetwork),
        LiteralCase(host: "172.31.255.255", text: "172.31.255.255", addressClass: .privateNetwork),
        LiteralCase(host: "172.32.0.1", text: "172.32.0.1", addressClass: .publicAddress),
        LiteralCase(host: "192.168.1.1", text: "192.168.1.1", addressClass: .privateNetwork),
        LiteralCase(host: "169.254.169.254", text: "169.254.169.254", addressClass: .linkLocal),
        LiteralCase(host: "[::ffff:a9fe:a9fe]", text: "169.254.169.254", addressClass: .linkLocal),
        LiteralCase(host: "100.64.0.1", text: "100.64.0.1", addressClass: .carrierGradeNAT),
        LiteralCase(host: "100.128.0.1", text: "100.128.0.1", addressClass: .publicAddress),
        LiteralCase(host: "[fe80::1]", text: "fe80::1", addressClass: .linkLocal),
        LiteralCase(host: "[fe80::1%25eth0]", text: "fe80::1", addressClass: .linkLocal),
        LiteralCase(host: "[::]", text: "::", addressClass: .unspecified),
        LiteralCase(host: "0.0.0.0", text: "0.0.0.0", addressClass: .unspecified),
        LiteralCase(host: "0", text: "0.0.0.0", addressClass: .unspecified),
        LiteralCase(host: "224.0.0.1", text: "224.0.0.1", addressClass: .multicast),
        LiteralCase(host: "[ff02::1]", text: "ff02::1", addressClass: .multicast),
        LiteralCase(host: "255.255.255.255", text: "255.255.255.255", addressClass: .reserved),
        LiteralCase(host: "240.0.0.1", text: "240.0.0.1", addressClass: .reserved),
        LiteralCase(host: "198.51.100.1", text: "198.51.100.1", addressClass: .documentation),
        LiteralCase(host: "[2001:db8::1]", text: "2001:db8::1", addressClass: .documentation),
        LiteralCase(host: "[4000::1]", text: "4000::1", addressClass: .reserved),
        LiteralCase(host: "8.8.8.8", text: "8.8.8.8", addressClass: .publicAddress),
        LiteralCase(host: "[2001:4860::8888]", text: "2001:4860::8888", addressClass: .publicAddress),
        LiteralCase(host: "[2001:4860:0:0:0:0:0:8888]", text: "2001:4860::8888", addressClass: .publicAddress),
        LiteralCase(host: "[::ffff:8.8.8.8]", text: "8.8.8.8", addressClass: .publicAddress),
        LiteralCase(host: "[64:ff9b::808:808]", text: "64:ff9b::808:808", addressClass: .publicAddress),
    ]

    @Test(arguments: literals)
    func literalIsClassified(_ example: LiteralCase) throws {
        let address = try #require(AddressPolicy.literalAddress(host: example.host))
        #expect(address.text == example.text)
        #expect(address.addressClass == example.addressClass)
        #expect(AddressPolicy.classify(address) == example.addressClass)
    }

    static let names = [
        "example.test", "localhost", "127.0.0.1.example.test", "0x7g.1", "256.0.0.1", "1.2.3.4.5", "1..2",
        "+1.2.3.4", "[::1", "[example]", "", "1.2.3.256", "4294967296", "08.0.0.1",
    ]

    @Test(arguments: names)
    func nonLiteralIsNil(_ host: String) {
        #expect(AddressPolicy.literalAddress(host: host) == nil)
    }

    @Test func rejectionNamesAddressAndClass() throws {
        let address = try #require(AddressPolicy.literalAddress(host: "[::ffff:7f00:1]"))
        let reason = try #require(AddressPolicy.rejection(for: address))
        #expect(reason.hasPrefix("127.0.0.1 is a loopback address;"))
        #expect(reason.contains("--allow-private-network"))
        #expect(AddressPolicy.rejection(for: address, allowPrivateNetwork: true) == nil)
    }

    @Test func unspecifiedTakesAn() throws {
        let address = try #require(AddressPolicy.literalAddress(host: "0.0.0.0"))
        #expect(AddressPolicy.rejection(for: address)?.hasPrefix("0.0.0.0 is an unspecified address;") == true)
    }

    @Test func publicIsAllowed() throws {
        let address = try #require(AddressPolicy.literalAddress(host: "8.8.8.8"))
        #expect(AddressPolicy.rejection(for: address) == nil)
    }

    @Test(arguments: ["224.0.0.1", "198.51.100.1", "255.255.255.255", "[2001:db8::1]"])
    func unroutableRejectedEvenWhenAllowed(_ host: String) throws {
        let address = try #require(AddressPolicy.literalAddress(host: host))
        let reason = try #require(AddressPolicy.rejection(for: address, allowPrivateNetwork: true))
        #expect(reason.contains("csw never delivers to one"))
    }

    @Test func mappedEqualsPlainIPv4() throws {
        let mapped = try #require(IPAddress(bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1]))
        #expect(mapped == IPAddress(bytes: [10, 0, 0, 1]))
        #expect(mapped.isIPv4)
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
    }

    @Test func readsSocketAddresses() throws {
        var ipv4 = sockaddr_in()
        ipv4.sin_family = sa_family_t(AF_INET)
        ipv4.sin_addr.s_addr = UInt32(0x0a00_0001).bigEndian
        let fromIPv4 = withUnsafePointer(to: &ipv4) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { AddressPolicy.address(from: $0) }
        }
        #expect(fromIPv4?.text == "10.0.0.1")

        var ipv6 = sockaddr_in6()
        ipv6.sin6_family = sa_family_t(AF_INET6)
        withUnsafeMutableBytes(of: &ipv6.sin6_addr) { bytes in
            bytes[10] = 0xff
            bytes[11] = 0xff
            bytes[12] = 169
            bytes[13] = 254
            bytes[14] = 169
            bytes[15] = 254
        }
        let fromIPv6 = withUnsafePointer(to: &ipv6) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { AddressPolicy.address(from: $0) }
        }
        #expect(fromIPv6?.text == "169.254.169.254")
        #expect(fromIPv6?.addressClass == .linkLocal)
    }
}
