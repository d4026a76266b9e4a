/// What an ASCII byte is, for the parsers that read UTF-8 bytes rather than `Character`s. Every
/// test is false, and every value nil, for a byte of a multi-byte UTF-8 sequence.
///
/// Inlinable: the JSON parser asks these of every byte it ingests.
public enum ASCII {
    @inlinable @inline(__always)
    public static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The value of a decimal digit.
    @inlinable @inline(__always)
    public static func digitValue(_ byte: UInt8) -> Int? {
        isDigit(byte) ? Int(byte &- UInt8(ascii: "0")) : nil
    }

    /// The value of a hexadecimal digit, either case.
    @inlinable
    public static func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
        default: nil
        }
    }

    @inlinable
    public static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    @inlinable
    public static func isUppercaseLetter(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }

    @inlinable
    public static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowercaseLetter(byte) || isUppercaseLetter(byte) || isDigit(byte)
    }

    /// JSON's insignificant whitespace (RFC 8259 §2): space, tab, line feed, carriage return. Also
    /// what makes an NDJSON line blank.
    @inlinable @inline(__always)
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\t")
    }

    /// C's `isspace`: `isWhitespace` and also vertical tab and form feed, which a value pasted
    /// from elsewhere may bring along.
    @inlinable
    public static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (UInt8(ascii: "\t")...0x0D).contains(byte)
    }

    /// A character that shows in a message as itself: C's `isprint`, space included.
    @inlinable
    public static func isPrintable(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: " ") && byte <= UInt8(ascii: "~")
    }

    /// A printable character other than space: C's `isgraph`.
    @inlinable
    public static func isVisible(_ byte: UInt8) -> Bool {
        byte > UInt8(ascii: " ") && byte <= UInt8(ascii: "~")
    }
}
