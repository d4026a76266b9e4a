/// The text form of contract dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, extended format only.
///
/// Parsed by hand over UTF-8 so every way of getting it wrong gets its own message instead of a
/// generic "invalid date".
enum DateSyntax {
    struct Fields {
        var year: Int
        var month: Int?
        var day: Int?
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    static func parse(_ text: String) throws(DateParseError) -> Fields {
        let bytes = Array(text.utf8)
        func fail(_ reason: String) -> DateParseError { DateParseError(input: text, reason: reason) }

        guard let first = bytes.first, let last = bytes.last else {
            throw fail("the text is empty; expected YYYY, YYYY-MM or YYYY-MM-DD")
        }
        if isWhitespace(first) || isWhitespace(last) {
            throw fail("leading or trailing whitespace is not allowed")
        }

        var position = 0
        let yearDigits = digitRun(bytes, from: position)
        if yearDigits == 0 {
            if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                throw fail("a signed year is not allowed; the year is four digits 0001–9999")
            }
            throw fail("expected YYYY, YYYY-MM or YYYY-MM-DD")
        }
        if yearDigits == 8 || yearDigits == 6 {
            throw fail("the basic format without hyphens is not accepted; use YYYY-MM-DD")
        }
        if yearDigits != 4 {
            throw fail("the year must have exactly four digits (0001–9999)")
        }
        let year = number(bytes, position, 4)
        guard year >= 1 else {
            throw fail("year 0000 is out of range; years are 0001–9999")
        }
        position = 4
        if position == bytes.count { return Fields(year: year) }

        try rejectTrailing(bytes, at: position, after: "year", fail)
        position += 1
        let monthDigits = digitRun(bytes, from: position)
        guard monthDigits == 2 else {
            throw fail("the month must have exactly two digits (01–12)")
        }
        let month = number(bytes, position, 2)
        guard (1...12).contains(month) else {
            throw fail("month \(Quoting.padded(month, width: 2)) does not exist; months are 01–12")
        }
        position += 2
        if position == bytes.count { return Fields(year: year, month: month) }

        try rejectTrailing(bytes, at: position, after: "month", fail)
        position += 1
        let dayDigits = digitRun(bytes, from: position)
        guard dayDigits == 2 else {
            throw fail("the day must have exactly two digits (01–31)")
        }
        let day = number(bytes, position, 2)
        let length = CalendarDate.daysInMonth(month, year: year)
        guard day >= 1 else {
            throw fail("day 00 does not exist; days start at 01")
        }
        guard day <= length else {
            throw fail("\(monthNames[month - 1]) \(Quoting.padded(year, width: 4)) has \(length) days")
        }
        position += 2
        if position == bytes.count { return Fields(year: year, month: month, day: day) }

        throw trailingError(bytes, at: position, fail)
    }

    static func format(year: Int, month: Int?, day: Int?) -> String {
        var text = Quoting.padded(year, width: 4)
        if let month {
            text += "-" + Quoting.padded(month, width: 2)
            if let day { text += "-" + Quoting.padded(day, width: 2) }
        }
        return text
    }

    /// A hyphen continues the date; anything else after a complete part is explained.
    private static func rejectTrailing(
        _ bytes: [UInt8], at position: Int, after part: String,
        _ fail: (String) -> DateParseError
    ) throws(DateParseError) {
        if bytes[position] == UInt8(ascii: "-") {
            if position + 1 < bytes.count, isDigit(bytes[position + 1]) { return }
            throw fail("expected two digits after the '-' that follows the \(part)")
        }
        throw trailingError(bytes, at: position, fail)
    }

    private static func trailingError(
        _ bytes: [UInt8], at position: Int, _ fail: (String) -> DateParseError
    ) -> DateParseError {
        switch bytes[position] {
        case UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " "), UInt8(ascii: ":"):
            return fail("a time of day is not allowed; give the date only")
        case UInt8(ascii: "Z"), UInt8(ascii: "z"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            return fail("a time zone offset is not allowed; give the date only")
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return fail("too many digits; expected YYYY, YYYY-MM or YYYY-MM-DD")
        default:
            return fail("unexpected text after the date; expected YYYY, YYYY-MM or YYYY-MM-DD")
        }
    }

    private static func digitRun(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        return end - start
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int {
        bytes[start..<(start + count)].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }
}
