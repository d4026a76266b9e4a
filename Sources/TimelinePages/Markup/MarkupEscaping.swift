/// The one escaping of text put into HTML or XML, for the page and SVG builders and the TimelineJS
/// export (TimelineJS renders `headline` and `text` as HTML). Escapes the quotes as well, so that
/// the same text is safe in an attribute value.
public enum MarkupEscaping {
    public static func escaped(_ text: String) -> String {
        // Most values (names, dates, titles) need nothing: they are handed back without a copy.
        guard text.utf8.contains(where: needsEscaping) else { return text }
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text`, escaped, as UTF-8: the runs between bytes to escape are copied whole.
    static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices where needsEscaping(bytes[index]) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.append(contentsOf: replacement(for: bytes[index]))
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// Every byte this names is ASCII, so no multi-byte character is ever split.
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F: true
        default: false
        }
    }

    /// What a byte that `needsEscaping` is written as.
    private static func replacement(for byte: UInt8) -> String.UTF8View {
        switch byte {
        case UInt8(ascii: "&"): "&amp;".utf8
        case UInt8(ascii: "<"): "&lt;".utf8
        case UInt8(ascii: ">"): "&gt;".utf8
        case UInt8(ascii: "\""): "&quot;".utf8
        case UInt8(ascii: "'"): "&#39;".utf8
        // XML 1.0 has no place for the other C0 controls; they would make the SVG unreadable.
        default: "\u{FFFD}".utf8
        }
    }
}
