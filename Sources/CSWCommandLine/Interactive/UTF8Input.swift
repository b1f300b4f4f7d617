#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads characters for libedit from a descriptor, decoding UTF-8 itself.
///
/// libedit calls this through `EL_GETCFN` for every key. Its contract: put
/// the character in `*character` and return 1, return 0 at the end of the
/// input, and -1 on an error, which ends `el_wgets` with no line. Ctrl-C
/// counts as an error here, so that the prompt ends at once.
enum UTF8Input {
    static func readCharacter(from descriptor: Int32, into character: UnsafeMutablePointer<wchar_t>?) -> Int32 {
        guard let character else { return -1 }
        let lead: UInt8
        switch readByte(from: descriptor) {
        case .byte(let byte): lead = byte
        case .end: return 0
        case .failed: return -1
        }
        let scalar = decode(lead: lead, descriptor: descriptor)
        character.pointee = wchar_t(bitPattern: scalar.value)
        return 1
    }

    private enum ByteResult {
        case byte(UInt8)
        case end
        case failed
    }

    private static func readByte(from descriptor: Int32) -> ByteResult {
        var byte: UInt8 = 0
        while true {
            if InterruptionHandler.pending { return .failed }
            let count = read(descriptor, &byte, 1)
            if count == 1 { return .byte(byte) }
            if count == 0 { return .end }
            if errno != EINTR { return .failed }
        }
    }

    /// Decodes the rest of a UTF-8 sequence; a malformed one becomes U+FFFD.
    private static func decode(lead: UInt8, descriptor: Int32) -> Unicode.Scalar {
        let (extra, initial): (Int, UInt32)
        switch lead {
        case 0x00...0x7F: return Unicode.Scalar(lead)
        case 0xC2...0xDF: (extra, initial) = (1, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (extra, initial) = (2, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (extra, initial) = (3, UInt32(lead & 0x07))
        default: return "\u{FFFD}"
        }
        var value = initial
        for _ in 0..<extra {
            guard case .byte(let byte) = readByte(from: descriptor), byte & 0xC0 == 0x80 else { return "\u{FFFD}" }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let smallest: UInt32 = extra == 1 ? 0x80 : (extra == 2 ? 0x800 : 0x10000)
        guard value >= smallest, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }
}
