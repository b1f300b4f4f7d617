import COpenSSL

/// Message digests through libcrypto.
package enum Digest {
    /// The SHA-256 of the bytes, as 64 lowercase hex digits.
    package static func sha256Hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let succeeded = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        // EVP_Digest only fails when libcrypto cannot allocate its context.
        precondition(succeeded == 1 && length == 32, "EVP_Digest SHA-256 failed")
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
