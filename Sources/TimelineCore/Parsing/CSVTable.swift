/// RFC 4180 text split into rows of fields: comma-separated, fields optionally enclosed in double
/// quotes, `""` for a quote inside a quoted field, rows ended by CRLF or LF. A quoted field may
/// span lines. Lines with nothing on them are skipped, so a trailing newline or a blank line
/// between rows is no row.
struct CSVTable {
    struct Row {
        /// The line the row starts on, counted from 1, for messages.
        let line: Int
        let fields: [String]
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")

    static func rows(_ buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>) throws(RecordDocumentError) -> [Row] {
        var reader = Reader(buffer: buffer, index: range.lowerBound, end: range.upperBound)
        var rows: [Row] = []
        while !reader.isAtEnd {
            if reader.skipLineEnd() { continue }
            let line = reader.line
            var fields: [String] = []
            repeat {
                fields.append(try reader.field(number: fields.count + 1))
            } while reader.skip(comma)
            _ = reader.skipLineEnd()
            rows.append(Row(line: line, fields: fields))
        }
        return rows
    }

    private struct Reader {
        let buffer: UnsafeBufferPointer<UInt8>
        var index: Int
        let end: Int
        var line = 1

        var isAtEnd: Bool { index >= end }

        mutating func skip(_ byte: UInt8) -> Bool {
            guard index < end, buffer[index] == byte else { return false }
            index += 1
            return true
        }

        /// A lone CR is data, as in most CSV writers; only CRLF and LF end a row.
        var isAtLineEnd: Bool {
            guard index < end else { return false }
            return buffer[index] == lineFeed
                || (buffer[index] == carriageReturn && index + 1 < end && buffer[index + 1] == lineFeed)
        }

        mutating func skipLineEnd() -> Bool {
            guard isAtLineEnd else { return false }
            index += buffer[index] == carriageReturn ? 2 : 1
            line += 1
            return true
        }

        mutating func field(number: Int) throws(RecordDocumentError) -> String {
            var bytes: [UInt8] = []
            let startLine = line
            if skip(quote) {
                while true {
                    guard index < end else {
                        throw RecordDocumentError(
                            line: startLine, message: "field \(number) opens a quote that is never closed")
                    }
                    let byte = buffer[index]
                    index += 1
                    if byte == quote {
                        guard skip(quote) else { break }
                    } else if byte == lineFeed {
                        line += 1
                    }
                    bytes.append(byte)
                }
                guard isAtEnd || isAtLineEnd || buffer[index] == comma else {
                    throw RecordDocumentError(
                        line: line,
                        message: "field \(number) has text after its closing quote; a quote inside a quoted field is written twice (\"\")")
                }
            } else {
                while index < end, buffer[index] != comma, !isAtLineEnd {
                    if buffer[index] == quote {
                        throw RecordDocumentError(
                            line: line,
                            message: "field \(number) has a quote but does not start with one; enclose the field in quotes and write the quote twice (\"\")")
                    }
                    bytes.append(buffer[index])
                    index += 1
                }
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw RecordDocumentError(line: startLine, message: "field \(number) is not valid UTF-8")
            }
            return text
        }
    }
}
