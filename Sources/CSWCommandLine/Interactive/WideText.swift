#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Conversion between Swift strings and the wide (`wchar_t`, UTF-32 on
/// Linux) strings of libedit's wide interface.
extension String {
    /// Decodes `count` wide characters; a value that is not a Unicode scalar
    /// becomes U+FFFD.
    init(wide characters: UnsafePointer<wchar_t>, count: Int) {
        var scalars = String.UnicodeScalarView()
        for offset in 0..<count {
            scalars.append(Unicode.Scalar(UInt32(bitPattern: characters[offset])) ?? "\u{FFFD}")
        }
        self.init(scalars)
    }

    /// Calls `body` with the string as a NUL-terminated wide string.
    func withWideCString<Result>(_ body: (UnsafePointer<wchar_t>) throws -> Result) rethrows -> Result {
        let wide = unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        return try wide.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }
}
