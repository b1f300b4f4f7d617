/// Base64 with the standard alphabet (RFC 4648 section 4) and `=` padding.
package enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes bytes with padding, without line breaks.
    package static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let first = UInt32(bytes[index])
            let second = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let third = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let group = first << 16 | second << 8 | third
            output.append(alphabet[Int(group >> 18 & 63)])
            output.append(alphabet[Int(group >> 12 & 63)])
            output.append(remaining > 1 ? alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
            output.append(remaining > 2 ? alphabet[Int(group & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes canonical padded base64, or returns nil.
    ///
    /// The length must be a multiple of 4, and `=` may appear only as the
    /// last one or two characters. The bits that padding leaves unused must
    /// be zero. Whitespace, line breaks and the URL-safe characters `-` and
    /// `_` are rejected. The empty string decodes to no bytes.
    package static func decodeStrict(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 4 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(characters.count / 4 * 3)
        var index = 0
        while index < characters.count {
            let isLastGroup = index + 4 == characters.count
            guard let group = decodeGroup(characters[index..<index + 4], isLastGroup: isLastGroup) else {
                return nil
            }
            output.append(contentsOf: group)
            index += 4
        }
        return output
    }

    /// Decodes four characters into one to three bytes. Only the last group
    /// may carry padding.
    private static func decodeGroup(_ group: ArraySlice<UInt8>, isLastGroup: Bool) -> [UInt8]? {
        let start = group.startIndex
        let padding = group[start + 3] == UInt8(ascii: "=") ? (group[start + 2] == UInt8(ascii: "=") ? 2 : 1) : 0
        if padding > 0 && !isLastGroup { return nil }
        var bits: UInt32 = 0
        for offset in 0..<(4 - padding) {
            guard let value = sextet(group[start + offset]) else { return nil }
            bits = bits << 6 | value
        }
        switch padding {
        case 0:
            return [UInt8(bits >> 16 & 255), UInt8(bits >> 8 & 255), UInt8(bits & 255)]
        case 1:
            guard bits & 0b11 == 0 else { return nil }
            return [UInt8(bits >> 10 & 255), UInt8(bits >> 2 & 255)]
        default:
            guard bits & 0b1111 == 0 else { return nil }
            return [UInt8(bits >> 4 & 255)]
        }
    }

    /// Returns the 6-bit value of one alphabet character, or nil for any other byte.
    private static func sextet(_ character: UInt8) -> UInt32? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt32(character - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt32(character - UInt8(ascii: "a") + 26)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(character - UInt8(ascii: "0") + 52)
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }
}
