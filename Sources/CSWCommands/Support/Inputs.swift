import CSWCommandLine
import CSWCore
import CSWStore

#if canImport(Glibc)
import Glibc
#endif

/// Checks of option values that need more than their kind: the address
/// guard on literal hosts, secrets from files, CA files, header sets.
enum Inputs {
    /// Parses a URL and rejects a literal host address in a class the guard
    /// refuses, unless private networks are allowed.
    static func url(_ text: String, allowPrivateNetwork: Bool, context: CommandContext) throws -> WebhookURL {
        let url = try WebhookURL(text)
        if let address = AddressPolicy.literalAddress(host: url.host),
            let reason = AddressPolicy.rejection(for: address, allowPrivateNetwork: allowPrivateNetwork)
        {
            throw InvalidValue("--url \(url.masked): \(reason)")
        }
        // A trailing dot makes a name fully qualified, so "localhost." resolves like "localhost".
        var hostName = url.host.lowercased()
        if hostName.hasSuffix(".") { hostName.removeLast() }
        if hostName == "localhost" || hostName.hasSuffix(".localhost"), !allowPrivateNetwork {
            throw InvalidValue("--url \(url.masked): localhost is a loopback address; csw delivers only to public addresses unless --allow-private-network is given")
        }
        if url.scheme == "http" {
            context.warn("\(url.masked) is plain http, so the payload and its signature travel unencrypted; use https where the receiver supports it")
        }
        return url
    }

    /// Reads a signing secret from a file, or standard input for `-`.
    static func secret(fromFile path: String) throws -> WebhookSecret {
        let bytes: [UInt8]
        do {
            // A secret file is a line of text; 64 KiB is far more than enough.
            bytes = try Files.read(path, maximumBytes: 65536)
        } catch let error as SystemError {
            throw Failure("cannot read the secret file \(path): \(error.reason)")
        }
        return try WebhookSecret.parseFileContents(bytes, source: path == "-" ? "standard input" : path)
    }

    /// Checks that a CA file can be read and returns its absolute path.
    static func caFile(_ path: String) throws -> String {
        guard let resolved = realpath(path, nil) else {
            throw InvalidValue("--ca-file \(path): \(String(cString: strerror(errno))); give a readable PEM file")
        }
        defer { free(resolved) }
        let absolute = String(cString: resolved)
        guard access(absolute, R_OK) == 0 else {
            throw InvalidValue("--ca-file \(path): it cannot be read; check its permissions")
        }
        guard let info = Files.status(absolute), (info.st_mode & S_IFMT) == S_IFREG else {
            throw InvalidValue("--ca-file \(path): it is not a regular file; give a PEM file of CA certificates")
        }
        // Otherwise the mistake shows only when sending, as a TLS failure of every delivery.
        let contents = (try? Files.read(absolute)) ?? []
        guard String(decoding: contents, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw InvalidValue("--ca-file \(path): it contains no PEM certificate (a \"-----BEGIN CERTIFICATE-----\" block); give the CA certificate in PEM form")
        }
        return absolute
    }

    /// Parses `--header` values, rejecting a name given twice.
    static func headers(_ texts: [String]) throws -> [HeaderField] {
        var result: [HeaderField] = []
        for text in texts {
            let header = try HeaderField(parsing: text)
            if result.contains(where: { $0.name.lowercased() == header.name.lowercased() }) {
                throw InvalidValue("header '\(header.name)' is given twice; give each header once")
            }
            result.append(header)
        }
        return result
    }
}
