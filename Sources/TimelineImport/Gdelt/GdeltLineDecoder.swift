import TimelineCore

/// Reads one line of an export file: checks it has 61 tab-separated columns, decides on the
/// `EventCode` bytes whether the row can be taken, and only then decodes the cells the import
/// uses. No `String` is made for any other cell, and none at all for the rows most files are
/// made of, whose code is not taken.
///
/// Cells are bytes in an unknown encoding. A decoded text cell that is not valid UTF-8 makes its
/// row malformed rather than being repaired: a country code, place name or URL with replaced
/// bytes would be a different one, and GDELT writes UTF-8, so such a row is damaged.
struct GdeltLineDecoder {
    enum Outcome {
        case row(GdeltRow)
        case codeNotTaken
        case malformed(reason: String)
    }

    /// `bounds[i]` is the offset of the tab before column `i` (-1 for the first column) and
    /// `bounds[i + 1]` the offset of the tab after it (the line's length for the last).
    private var bounds = [Int](repeating: 0, count: GdeltColumn.count + 1)

    mutating func decode(_ line: UnsafeRawBufferPointer) -> Outcome {
        let columns = bounds.withUnsafeMutableBufferPointer { bounds in
            var columns = 1
            bounds[0] = -1
            for offset in 0..<line.count where line[offset] == UInt8(ascii: "\t") {
                if columns < GdeltColumn.count { bounds[columns] = offset }
                columns += 1
            }
            bounds[GdeltColumn.count] = line.count
            return columns
        }
        guard columns == GdeltColumn.count else {
            return .malformed(reason: "has \(Quoting.grouped(columns)) columns, not \(GdeltColumn.count)")
        }
        guard let code = CameoEventCode(cell: cell(.eventCode, of: line)) else { return .codeNotTaken }
        do throws(GdeltCellError) {
            return .row(
                GdeltRow(
                    globalEventID: try number(.globalEventID, of: line),
                    day: try date(.sqlDate, of: line),
                    actor1CountryCode: try text(.actor1CountryCode, of: line),
                    actor2CountryCode: try text(.actor2CountryCode, of: line),
                    isRootEvent: try flag(.isRootEvent, of: line),
                    eventCode: code,
                    numSources: Int(try number(.numSources, of: line, digits: 1...9)),
                    actionLocation: try text(.actionGeoFullName, of: line),
                    dateAdded: try timestamp(.dateAdded, of: line),
                    sourceURL: try text(.sourceURL, of: line)))
        } catch {
            return .malformed(reason: error.reason)
        }
    }

    private func cell(_ column: GdeltColumn, of line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: line[(bounds[column.rawValue] + 1)..<bounds[column.rawValue + 1]])
    }

    private func text(_ column: GdeltColumn, of line: UnsafeRawBufferPointer) throws(GdeltCellError) -> String {
        guard let text = String(validating: cell(column, of: line), as: UTF8.self) else {
            throw GdeltCellError(reason: "\(column.name) is not UTF-8")
        }
        return text
    }

    /// Decimal digits only, no sign, no blanks.
    private func number(
        _ column: GdeltColumn, of line: UnsafeRawBufferPointer, digits: ClosedRange<Int> = 1...19
    ) throws(GdeltCellError) -> UInt64 {
        let cell = cell(column, of: line)
        guard digits.contains(cell.count), cell.allSatisfy(ASCII.isDigit) else {
            throw GdeltCellError(column, cell, expected: "a number")
        }
        return cell.reduce(0) { $0 * 10 + UInt64($1 - UInt8(ascii: "0")) }
    }

    private func date(_ column: GdeltColumn, of line: UnsafeRawBufferPointer) throws(GdeltCellError) -> CalendarDate {
        let value = try number(column, of: line, digits: 8...8)
        guard let date = CalendarDate(year: Int(value / 10_000), month: Int(value / 100 % 100), day: Int(value % 100)) else {
            throw GdeltCellError(column, cell(column, of: line), expected: "a date YYYYMMDD")
        }
        return date
    }

    private func timestamp(_ column: GdeltColumn, of line: UnsafeRawBufferPointer) throws(GdeltCellError) -> GdeltTimestamp {
        guard let timestamp = GdeltTimestamp(try number(column, of: line, digits: 14...14)) else {
            throw GdeltCellError(column, cell(column, of: line), expected: "a time YYYYMMDDHHMMSS")
        }
        return timestamp
    }

    private func flag(_ column: GdeltColumn, of line: UnsafeRawBufferPointer) throws(GdeltCellError) -> Bool {
        let cell = cell(column, of: line)
        guard cell.count == 1, cell[0] == UInt8(ascii: "0") || cell[0] == UInt8(ascii: "1") else {
            throw GdeltCellError(column, cell, expected: "0 or 1")
        }
        return cell[0] == UInt8(ascii: "1")
    }
}

/// Why a cell could not be read, worded for the summary's `malformed_lines`.
struct GdeltCellError: Error {
    let reason: String

    init(reason: String) {
        self.reason = reason
    }

    /// "SQLDATE is not a date YYYYMMDD: '2019-10-24'". The echo is cut short (to more bytes than
    /// `Quoting` keeps) and its bytes repaired, so that a huge or binary cell cannot flood the summary.
    init(_ column: GdeltColumn, _ cell: UnsafeRawBufferPointer, expected: String) {
        let echo = String(decoding: cell.prefix(256), as: UTF8.self)
        reason = "\(column.name) is not \(expected): \(Quoting.quoted(echo))"
    }
}
