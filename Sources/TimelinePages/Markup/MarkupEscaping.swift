/// The one escaping of text put into HTML or XML, for the page and SVG builders and the TimelineJS
/// export (TimelineJS renders `headline` and `text` as HTML). Escapes the quotes as well, so that
/// the same text is safe in an attribute value.
public enum MarkupEscaping {
    public static func escaped(_ text: String) -> String {
        // Most values (names, dates, titles) need nothing: they are handed back without a copy.
        guard text.utf8.contains(where: needsEscaping) else { return text }
        var buffer = MarkupBuffer(capacity: text.utf8.count + 64)
        append(text, to: &buffer)
        return buffer.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Appends `text`, escaped, as UTF-8: the runs between bytes to escape are copied whole.
    static func append(_ text: String, to output: inout MarkupBuffer) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices where needsEscaping(bytes[index]) {
                output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.append(replacement(for: bytes[index]))
                runStart = index + 1
            }
            output.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// Every byte this names is ASCII, so no multi-byte character is ever split.
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        // One bit per byte below 0x40, where all of them are: a shift and a test per byte of text.
        byte < 0x40 && escapedBelow0x40 & (1 << UInt64(byte)) != 0
    }

    /// Bit n set: byte n is escaped. `&` (0x26), `<` (0x3C), `>` (0x3E), `"` (0x22), `'` (0x27), and
    /// the C0 controls 0x00–0x1F but tab (0x09), line feed (0x0A) and carriage return (0x0D).
    private static let escapedBelow0x40: UInt64 = 0x5000_00C4_FFFF_D9FF

    /// What a byte that `needsEscaping` is written as.
    private static func replacement(for byte: UInt8) -> StaticString {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        // XML 1.0 has no place for the other C0 controls; they would make the SVG unreadable.
        default: "\u{FFFD}"
        }
    }
}
