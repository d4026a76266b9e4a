import TimelineCore

/// The one escaping of text put into HTML or XML, for the page and SVG builders and the TimelineJS
/// export (TimelineJS renders `headline` and `text` as HTML). Escapes the quotes as well, so that
/// the same text is safe in an attribute value.
public enum MarkupEscaping {
    public static func escaped(_ text: String) -> String {
        withUTF8(of: text) { bytes in
            let first = firstToEscape(in: bytes, from: 0)
            // Most values (names, dates, titles) need nothing: they are handed back without a copy.
            guard first < bytes.count else { return text }
            var buffer = MarkupBuffer(capacity: bytes.count + 64)
            append(bytes, from: first, to: &buffer)
            return buffer.withBytes { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Appends `text`, escaped, as UTF-8.
    static func append(_ text: String, to output: inout MarkupBuffer) {
        withUTF8(of: text) { bytes in append(bytes, from: firstToEscape(in: bytes, from: 0), to: &output) }
    }

    /// Appends `bytes`, escaped, given the first byte to escape: the runs between such bytes are
    /// copied whole.
    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, from first: Int, to output: inout MarkupBuffer) {
        var runStart = 0
        var index = first
        while index < bytes.count {
            output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            output.append(replacement(for: bytes[index]))
            runStart = index + 1
            index = firstToEscape(in: bytes, from: runStart)
        }
        output.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// A native string's bytes are read where they are; only another kind is copied first.
    private static func withUTF8<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var text = text
        return text.withUTF8(body)
    }

    /// The index of the first byte from `start` on that `needsEscaping`, or `bytes.count`. Eight
    /// bytes at a time while none of them is a candidate, as in most text.
    private static func firstToEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var index = start
        while index < bytes.count {
            if index + 8 <= bytes.count, !mayNeedEscaping(ByteWord(base, at: index)) {
                index += 8
                continue
            }
            if needsEscaping(bytes[index]) { return index }
            index += 1
        }
        return bytes.count
    }

    /// True when one of the eight bytes of `word` is below 0x20 or one of `& < > " '`: every byte
    /// that `needsEscaping` is among them (tab, line feed and carriage return are looked at and kept).
    private static func mayNeedEscaping(_ word: ByteWord) -> Bool {
        word.containsByte(below: 0x20) || word.contains(UInt8(ascii: "&")) || word.contains(UInt8(ascii: "<"))
            || word.contains(UInt8(ascii: ">")) || word.contains(UInt8(ascii: "\"")) || word.contains(UInt8(ascii: "'"))
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
