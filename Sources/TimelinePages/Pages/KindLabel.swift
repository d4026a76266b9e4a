import TimelineCore

/// An event kind as the pages say it: `entry_into_force` reads "entry into force".
enum KindLabel {
    static func text(_ kind: String) -> String {
        guard kind.utf8.contains(UInt8(ascii: "_")) else { return kind }
        // The contract's kinds are spelled out once; a page names them several times per event.
        return known[kind] ?? spaced(kind)
    }

    private static let known = Dictionary(uniqueKeysWithValues: EventKind.allCases.map { ($0.rawValue, spaced($0.rawValue)) })

    /// Byte for byte: Foundation's `replacingOccurrences` cost a page of 50 events 5 % of its time.
    private static func spaced(_ kind: String) -> String {
        String(decoding: kind.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}
