import Foundation
import Testing

/// A URL whose literal host the address guard rejects, with the normalised
/// address and class that the error message must name.
struct GuardedAddress: Sendable, CustomTestStringConvertible {
    let name: String
    let url: String
    /// The address as csw prints it after parsing the literal.
    let address: String
    /// The class with its article, as in "a loopback address".
    let phrase: String
    /// Whether `--allow-private-network` makes csw accept it.
    let allowedWithOption: Bool

    var testDescription: String { name }

    init(_ name: String, _ url: String, _ address: String, _ phrase: String, allowedWithOption: Bool = true) {
        self.name = name
        self.url = url
        self.address = address
        self.phrase = phrase
        self.allowedWithOption = allowedWithOption
    }
}

/// Every class the guard rejects, in the literal forms a URL may take.
/// Nothing connects to these, because they are only strings for csw to reject.
let guardedAddresses: [GuardedAddress] = [
    GuardedAddress("dotted loopback", "http://127.0.0.1/in", "127.0.0.1", "a loopback address"),
    GuardedAddress("decimal loopback", "http://2130706433/in", "127.0.0.1", "a loopback address"),
    GuardedAddress("hexadecimal short loopback", "http://0x7f.1/in", "127.0.0.1", "a loopback address"),
    GuardedAddress("two-part loopback", "http://127.1/in", "127.0.0.1", "a loopback address"),
    GuardedAddress("octal loopback", "http://0177.0.0.1/in", "127.0.0.1", "a loopback address"),
    GuardedAddress("loopback with trailing dot", "http://127.0.0.1./in", "127.0.0.1", "a loopback address"),
    GuardedAddress("IPv6 loopback", "http://[::1]/in", "::1", "a loopback address"),
    GuardedAddress("IPv4-mapped loopback in hex", "http://[::ffff:7f00:1]/in", "127.0.0.1", "a loopback address"),
    GuardedAddress("IPv4-mapped loopback dotted", "http://[::ffff:127.0.0.1]/in", "127.0.0.1", "a loopback address"),
    GuardedAddress("NAT64 loopback", "http://[64:ff9b::7f00:1]/in", "64:ff9b::7f00:1", "a loopback address"),
    GuardedAddress("private 10/8", "http://10.1.2.3/in", "10.1.2.3", "a private address"),
    GuardedAddress("private 172.16/12", "http://172.16.0.1/in", "172.16.0.1", "a private address"),
    GuardedAddress("private 192.168/16", "http://192.168.1.1/in", "192.168.1.1", "a private address"),
    GuardedAddress("6to4 around a private address", "http://[2002:a01:203::]/in", "2002:a01:203::", "a private address"),
    GuardedAddress("cloud metadata", "http://169.254.169.254/latest", "169.254.169.254", "a link-local address"),
    GuardedAddress("cloud metadata IPv4-mapped", "http://[::ffff:a9fe:a9fe]/latest", "169.254.169.254", "a link-local address"),
    GuardedAddress("carrier-grade NAT", "http://100.64.0.1/in", "100.64.0.1", "a carrier-grade NAT address"),
    GuardedAddress("unique-local", "http://[fd00::5]/in", "fd00::5", "a unique-local address"),
    GuardedAddress("unique-local in upper case", "http://[FD00::5]/in", "fd00::5", "a unique-local address"),
    GuardedAddress("IPv6 link-local", "http://[fe80::1]/in", "fe80::1", "a link-local address"),
    GuardedAddress("IPv6 link-local with zone", "http://[fe80::1%25eth0]/in", "fe80::1", "a link-local address"),
    GuardedAddress("IPv4 unspecified", "http://0.0.0.0/in", "0.0.0.0", "an unspecified address"),
    GuardedAddress("IPv6 unspecified", "http://[::]/in", "::", "an unspecified address"),
    GuardedAddress("IPv4 multicast", "http://224.0.0.1/in", "224.0.0.1", "a multicast address", allowedWithOption: false),
    GuardedAddress("IPv6 multicast", "http://[ff02::1]/in", "ff02::1", "a multicast address", allowedWithOption: false),
    GuardedAddress("broadcast", "http://255.255.255.255/in", "255.255.255.255", "a reserved address", allowedWithOption: false),
    GuardedAddress("documentation", "https://198.51.100.1/in", "198.51.100.1", "a documentation address", allowedWithOption: false),
]

/// Checks the guard's message for one address. It must name the normalised
/// address and its class, and name `--allow-private-network` only where
/// that option would help.
private func expectGuardMessage(_ stderr: String, _ guarded: GuardedAddress, command: String) {
    #expect(stderr.contains("\(guarded.address) is \(guarded.phrase)"), "\(command): \(stderr)")
    if guarded.allowedWithOption {
        #expect(stderr.contains("(--allow-private-network)"), "\(command): \(stderr)")
    } else {
        #expect(stderr.contains("csw never delivers to one"), "\(command): \(stderr)")
        #expect(!stderr.contains("--allow-private-network"), "\(command) offers an option that would not help: \(stderr)")
    }
    #expect(lines(stderr).count == 1, "\(command) printed more than the error: \(stderr)")
}

@Suite("Address guard rejects literal addresses")
struct SecurityLiteralAddressTests {
    @Test("subscribe rejects the address", arguments: guardedAddresses)
    func subscribeRejects(_ guarded: GuardedAddress) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["subscribe", "--url", guarded.url, "--event", "users"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        expectGuardMessage(result.stderr, guarded, command: "subscribe")
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
    }

    @Test("update rejects the address and keeps the store", arguments: guardedAddresses)
    func updateRejects(_ guarded: GuardedAddress) throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in")
        let before = try sandbox.snapshot()
        let result = try sandbox.csw(["update", id, "--url", guarded.url])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        expectGuardMessage(result.stderr, guarded, command: "update")
        #expect(try sandbox.snapshot() == before)
    }

    @Test("allow-private-network opens all but multicast, documentation and reserved")
    func optionAccepts() throws {
        let sandbox = try Sandbox()
        var accepted: [String: GuardedAddress] = [:]
        for guarded in guardedAddresses {
            // --force: spellings such as upper-case IPv6 are the same receiver, so duplicates here.
            let result = try sandbox.csw(["subscribe", "--url", guarded.url, "--event", "users", "--allow-private-network", "--quiet", "--force"])
            if guarded.allowedWithOption {
                #expect(result.status == 0, "\(guarded.name): \(result.stderr)")
                accepted[result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)] = guarded
            } else {
                #expect(result.status == 2, "\(guarded.name) was accepted")
                expectGuardMessage(result.stderr, guarded, command: "subscribe --allow-private-network")
            }
        }
        #expect(accepted.count == guardedAddresses.filter(\.allowedWithOption).count)

        let table = try sandbox.csw(["list"])
        let tableRows = lines(table.stdout).dropFirst()
        #expect(tableRows.count == accepted.count)
        for row in tableRows {
            #expect(row.hasSuffix("(private network allowed)"), "list row: \(row)")
        }
        let tsv = try sandbox.csw(["list", "--format", "tsv"])
        for row in lines(tsv.stdout) {
            #expect(row.split(separator: "\t", omittingEmptySubsequences: false).dropFirst(5).first == "private-network", "tsv row: \(row)")
        }
        let listed = try parseJSONArray(try sandbox.csw(["list", "--json"]).stdout)
        #expect(listed.count == accepted.count)
        for entry in listed {
            #expect(entry["allow_private_network"] as? Bool == true, "\(entry)")
        }
        for (id, guarded) in accepted {
            let shown = try sandbox.csw(["show", id])
            #expect(shown.stdout.contains("network:     private networks allowed (--allow-private-network)"), "\(guarded.name): \(shown.stdout)")
        }
    }

    @Test("update with allow-private-network accepts a loopback URL")
    func updateWithOption() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in")
        let result = try sandbox.csw(["update", id, "--url", "http://127.0.0.1:8080/in", "--allow-private-network"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "updated \(id): url, network\n")
        let shown = try sandbox.csw(["show", id])
        #expect(shown.stdout.contains("private networks allowed"))
        let publicOnly = try sandbox.addSubscription("https://hooks.example.test/other")
        #expect(try sandbox.csw(["show", publicOnly]).stdout.contains("network:     public addresses only"))
    }
}

@Suite("Address guard rejects localhost by name")
struct SecurityLocalhostTests {
    @Test("subscribe rejects localhost names", arguments: [
        "http://localhost:8080/in", "http://LOCALHOST/in", "https://api.localhost/in", "http://localhost./in",
        "http://Api.LocalHost./in",
    ])
    func rejected(_ url: String) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["subscribe", "--url", url, "--event", "users"])
        #expect(result.status == 2, "\(url) was accepted")
        #expect(result.stderr.contains("localhost is a loopback address"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("--allow-private-network"), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
    }

    @Test("allow-private-network accepts localhost")
    func acceptedWithOption() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["subscribe", "--url", "https://localhost:8443/in", "--event", "users", "--allow-private-network", "--quiet"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("sub_"))
    }
}

/// A host name from /etc/hosts that resolves to exactly one loopback
/// address and that `csw subscribe` does not reject by name, so that only
/// the guard at connect time can stop it.
enum LoopbackHostName {
    /// The name and the address it resolves to, or nil when /etc/hosts has none.
    static let found: (name: String, address: String)? = {
        guard let text = try? String(contentsOfFile: "/etc/hosts", encoding: .utf8) else { return nil }
        var names: [String] = []
        for line in text.split(separator: "\n") {
            let fields = line.prefix { $0 != "#" }.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.count >= 2, isLoopback(fields[0]) else { continue }
            names += fields.dropFirst().filter { name in
                let lower = name.lowercased()
                return lower != "localhost" && !lower.hasSuffix(".localhost") && !lower.hasSuffix(".")
            }
        }
        // Debian's IPv6 loopback names are tried first, then the others in file order.
        let preferred = ["ip6-localhost", "ip6-loopback"].filter(names.contains) + names
        for name in preferred {
            let addresses = resolve(name)
            if addresses.count == 1, let address = addresses.first, isLoopback(address) { return (name, address) }
        }
        return nil
    }()

    static let unavailableReason = "/etc/hosts has no name other than localhost that resolves to a single loopback address"

    private static func isLoopback(_ address: String) -> Bool {
        address == "::1" || (address.hasPrefix("127.") && address.split(separator: ".").count == 4)
    }

    /// The distinct numeric addresses that getaddrinfo returns for a name.
    private static func resolve(_ name: String) -> Set<String> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>? = nil
        guard getaddrinfo(name, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var addresses = Set<String>()
        var entry = list
        while let current = entry {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(current.pointee.ai_addr, current.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                addresses.insert(String(cString: buffer))
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }
}

@Suite("Address guard at connect time")
struct SecurityConnectGuardTests {
    @Test("host name resolving to loopback is blocked until allowed",
        .enabled(if: LoopbackHostName.found != nil, "\(LoopbackHostName.unavailableReason)"))
    func blockedThenAllowed() throws {
        let (name, address) = try #require(LoopbackHostName.found)
        let sandbox = try Sandbox()
        let server = try LocalServer(sandbox, host: address)
        #expect(try sandbox.csw(["config", "set", "retry-schedule", "1s,1h"]).status == 0)

        let created = try sandbox.csw(["subscribe", "--url", server.url("/hook", authority: name), "--event", "response_submitted", "--quiet"])
        #expect(created.status == 0, "subscribe rejected the name \(name): \(created.stderr)")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning", "--json"])
        #expect(fired.status == 3, "stderr: \(fired.stderr)")
        let reports = try #require(try jsonObject(fired.stdout)["deliveries"] as? [[String: Any]])
        let report = try #require(reports.first)
        let deliveryID = try #require(report["id"] as? String)
        #expect(report["outcome"] as? String == "blocked")
        #expect(report["state"] as? String == "failed")
        let reason = report["reason"] as? String ?? ""
        #expect(reason.contains("\(address) is a loopback address"), "reason: \(reason)")
        #expect(reason.contains("--allow-private-network"), "reason: \(reason)")

        let logged = try sandbox.delivery(deliveryID)
        #expect(logged["state"] as? String == "failed")
        #expect(logged["outcome"] as? String == "blocked")
        #expect((logged["reason"] as? String)?.contains("\(address) is a loopback address") == true)
        let shown = try sandbox.csw(["deliveries", "show", deliveryID])
        #expect(shown.stdout.contains("blocked: \(address) is a loopback address"), "deliveries show: \(shown.stdout)")

        // The guard rejects the address before connecting, so this wait only gives
        // a request that got through time to reach the server.
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try server.records().isEmpty, "the blocked delivery reached the server")

        let updated = try sandbox.csw(["update", id, "--allow-private-network"])
        #expect(updated.stdout == "updated \(id): network\n", "stderr: \(updated.stderr)")
        let due = Date().addingTimeInterval(5)
        while Date() < due, !(try sandbox.csw(["retry", "--dry-run"]).stdout.contains(deliveryID)) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let retried = try sandbox.csw(["retry"])
        #expect(retried.status == 0, "stdout: \(retried.stdout) stderr: \(retried.stderr)")
        let records = try server.waitForRecords(1)
        #expect(records.count == 1)
        #expect(records.first?.webhookID == deliveryID)
        #expect(try sandbox.delivery(deliveryID)["state"] as? String == "delivered")
    }

}
