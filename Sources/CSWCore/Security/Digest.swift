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
        // A failure here is an internal libcrypto error, such as a failed
        // allocation, which csw cannot recover from.
        precondition(succeeded == 1 && length == 32, "EVP_Digest SHA-256 failed")
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
