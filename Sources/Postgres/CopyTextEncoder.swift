/// Builds the data stream of `COPY … FROM STDIN` in text format: one line a row, columns
/// separated by tabs, `\N` for NULL, and backslash escapes for the characters that would
/// otherwise end a column or a row.
struct CopyTextEncoder {
    private(set) var bytes: [UInt8] = []

    var count: Int { bytes.count }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Appends one row; returns a message instead when a value cannot be sent.
    mutating func append(_ row: [any PostgresBindable]) -> String? {
        for (index, value) in row.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "\t")) }
            guard var text = value.postgresText else {
                bytes += #"\N"#.utf8
                continue
            }
            // Runs of bytes that need no escape are copied whole: most of a row is such a run.
            let isWritten = text.withUTF8 { utf8 -> Bool in
                var runStart = 0
                for (offset, byte) in utf8.enumerated() where byte <= UInt8(ascii: "\\") {
                    let escape: UInt8
                    switch byte {
                    case 0: return false
                    case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
                    case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
                    case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
                    case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
                    default: continue
                    }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<offset]))
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(escape)
                    runStart = offset + 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
                return true
            }
            guard isWritten else { return "column \(index + 1) contains a NUL character" }
        }
        bytes.append(UInt8(ascii: "\n"))
        return nil
    }
}
