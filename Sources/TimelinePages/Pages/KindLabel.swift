/// An event kind as the pages say it: `entry_into_force` reads "entry into force".
enum KindLabel {
    static func text(_ kind: String) -> String {
        // Byte for byte: Foundation's `replacingOccurrences` cost a page of 50 events 5 % of its time.
        guard kind.utf8.contains(UInt8(ascii: "_")) else { return kind }
        return String(decoding: kind.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}
