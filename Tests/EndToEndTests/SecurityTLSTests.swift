import Foundation
import Testing

@Suite("TLS certificates are verified")
struct SecurityTLSTests {
    @Test("self-signed certificate fails until trusted with ca-file")
    func selfSignedThenTrusted() throws {
        let sandbox = try Sandbox()
        let certificate = try TestCertificate(sandbox, name: "loopback", commonName: "127.0.0.1", alternativeNames: "IP:127.0.0.1,DNS:localhost")
        let server = try LocalServer(sandbox, certificate: certificate)
        let id = try sandbox.subscribe(server.url("/hook"))

        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning", "--json"])
        #expect(fired.status == 3, "stderr: \(fired.stderr)")
        let reports = try #require(try jsonObject(fired.stdout)["deliveries"] as? [[String: Any]])
        let report = try #require(reports.first)
        let deliveryID = try #require(report["id"] as? String)
        #expect(report["outcome"] as? String == "tls_failed")
        #expect(report["state"] as? String == "failed")
        let reason = report["reason"] as? String ?? ""
        #expect(reason.contains("certificate"), "reason: \(reason)")
        #expect(reason.contains("self-signed"), "reason: \(reason)")
        #expect(try server.records().isEmpty, "a request went through an unverified connection")

        let updated = try sandbox.csw(["update", id, "--ca-file", certificate.certificatePath])
        #expect(updated.status == 0, "stderr: \(updated.stderr)")
        #expect(updated.stdout == "updated \(id): ca file\n")
        #expect(try sandbox.csw(["show", id]).stdout.contains("ca file:     \(certificate.certificatePath)"))

        let redelivered = try sandbox.csw(["redeliver", deliveryID])
        #expect(redelivered.status == 0, "stdout: \(redelivered.stdout) stderr: \(redelivered.stderr)")
        let records = try server.waitForRecords(1)
        #expect(records.count == 1)
        #expect(records.first?.webhookID == deliveryID)
        #expect(try sandbox.delivery(deliveryID)["state"] as? String == "delivered")

        let again = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(again.status == 0, "stderr: \(again.stderr)")
        #expect(try server.waitForRecords(2).count == 2)
    }

    @Test("host name is checked even with ca-file")
    func hostNameMismatch() throws {
        let sandbox = try Sandbox()
        let certificate = try TestCertificate(
            sandbox, name: "elsewhere", commonName: "hooks.example.test", alternativeNames: "DNS:hooks.example.test")
        let server = try LocalServer(sandbox, certificate: certificate)
        try sandbox.subscribe(server.url("/hook"), extra: ["--ca-file", certificate.certificatePath])

        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning", "--json"])
        #expect(fired.status == 3, "stderr: \(fired.stderr)")
        let report = try #require((try jsonObject(fired.stdout)["deliveries"] as? [[String: Any]])?.first)
        #expect(report["outcome"] as? String == "tls_failed")
        let reason = report["reason"] as? String ?? ""
        #expect(reason.contains("127.0.0.1"), "reason: \(reason)")
        #expect(reason.contains("name"), "reason: \(reason)")
        #expect(try server.records().isEmpty)
    }

    @Test("localhost name matches the certificate's DNS name")
    func localhostName() throws {
        let sandbox = try Sandbox()
        let certificate = try TestCertificate(sandbox, name: "loopback", commonName: "127.0.0.1", alternativeNames: "IP:127.0.0.1,DNS:localhost")
        let server = try LocalServer(sandbox, certificate: certificate)
        try sandbox.subscribe(server.url("/hook", authority: "localhost"), extra: ["--ca-file", certificate.certificatePath])
        let fired = try sandbox.csw(["fire", "--event", "response_submitted", "--department", "planning"])
        #expect(fired.status == 0, "stdout: \(fired.stdout) stderr: \(fired.stderr)")
        #expect(try server.waitForRecords(1).count == 1)
    }

    @Test("unusable ca-file is rejected", arguments: [
        BadInput(name: "missing file at subscribe", arguments: ["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "--ca-file", "{folder}/missing.pem"],
            status: 2, message: "--ca-file {folder}/missing.pem: No such file or directory"),
        BadInput(name: "missing file at update", arguments: ["update", "{id}", "--ca-file", "{folder}/missing.pem"],
            status: 2, message: "--ca-file {folder}/missing.pem: No such file or directory"),
        BadInput(name: "folder at subscribe", arguments: ["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "--ca-file", "{folder}"],
            status: 2, message: "it is not a regular file"),
        BadInput(name: "folder at update", arguments: ["update", "{id}", "--ca-file", "{folder}"],
            status: 2, message: "it is not a regular file"),
        BadInput(name: "file without a certificate", arguments: ["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "--ca-file", "{folder}/notes.txt"],
            status: 2, message: "it contains no PEM certificate"),
        BadInput(name: "private key instead of certificate", arguments: ["update", "{id}", "--ca-file", "{folder}/only-key.pem"],
            status: 2, message: "it contains no PEM certificate"),
    ])
    func unusableCAFile(_ input: BadInput) throws {
        let sandbox = try Sandbox()
        try sandbox.write("notes.txt", "not a certificate\n")
        let certificate = try TestCertificate(sandbox, name: "spare", commonName: "127.0.0.1", alternativeNames: "IP:127.0.0.1")
        try FileManager.default.copyItem(atPath: certificate.keyPath, toPath: sandbox.path("only-key.pem"))
        let id = try sandbox.addSubscription("https://hooks.example.test/existing")
        let before = try sandbox.snapshot()
        let arguments = input.arguments(id: id).map { $0.replacingOccurrences(of: "{folder}", with: sandbox.folder.path) }
        let result = try sandbox.csw(arguments)
        #expect(result.status == input.status, "stderr: \(result.stderr)")
        let message = input.message.replacingOccurrences(of: "{folder}", with: sandbox.folder.path)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(try sandbox.snapshot() == before)
    }

    @Test("no option turns verification off", arguments: ["subscribe", "update", "fire", "retry", "redeliver"])
    func noInsecureOption(_ command: String) throws {
        let help = try Sandbox().csw(["help", command])
        #expect(help.status == 0)
        #expect(!help.stdout.isEmpty)
        for word in ["insecure", "no-verify", "noverify", "skip-verify", "-k,"] {
            #expect(!help.stdout.lowercased().contains(word), "csw help \(command) mentions \(word)")
        }
    }

    @Test("insecure options are unknown", arguments: ["--insecure", "--no-verify", "-k"])
    func insecureUnknown(_ option: String) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", option])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown option '\(option)'"), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
    }
}
