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
        var scanner = ASCIIScanner(text)
        func fail(_ reason: String) -> DateParseError { DateParseError(input: text, reason: reason) }

        guard let first = scanner.bytes.first, let last = scanner.bytes.last else {
            throw fail("the text is empty; expected YYYY, YYYY-MM or YYYY-MM-DD")
        }
        if ASCII.isSpace(first) || ASCII.isSpace(last) {
            throw fail("leading or trailing whitespace is not allowed")
        }

        let yearDigits = scanner.digitCount
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
        let year = scanner.readNumber(digits: 4)
        guard year >= 1 else {
            throw fail("year 0000 is out of range; years are 0001–9999")
        }
        if scanner.isAtEnd { return Fields(year: year) }

        try skipHyphen(&scanner, after: "year", fail)
        guard scanner.digitCount == 2 else {
            throw fail("the month must have exactly two digits (01–12)")
        }
        let month = scanner.readNumber(digits: 2)
        guard (1...12).contains(month) else {
            throw fail("month \(Quoting.padded(month, width: 2)) does not exist; months are 01–12")
        }
        if scanner.isAtEnd { return Fields(year: year, month: month) }

        try skipHyphen(&scanner, after: "month", fail)
        guard scanner.digitCount == 2 else {
            throw fail("the day must have exactly two digits (01–31)")
        }
        let day = scanner.readNumber(digits: 2)
        let length = CalendarDate.daysInMonth(month, year: year)
        guard day >= 1 else {
            throw fail("day 00 does not exist; days start at 01")
        }
        guard day <= length else {
            throw fail("\(monthNames[month - 1]) \(Quoting.padded(year, width: 4)) has \(length) days")
        }
        if scanner.isAtEnd { return Fields(year: year, month: month, day: day) }

        throw trailingError(scanner, fail)
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
    private static func skipHyphen(
        _ scanner: inout ASCIIScanner, after part: String, _ fail: (String) -> DateParseError
    ) throws(DateParseError) {
        guard scanner.skip(UInt8(ascii: "-")) else { throw trailingError(scanner, fail) }
        guard scanner.digitCount > 0 else {
            throw fail("expected two digits after the '-' that follows the \(part)")
        }
    }

    /// Why the text goes on where the date is complete.
    private static func trailingError(_ scanner: ASCIIScanner, _ fail: (String) -> DateParseError) -> DateParseError {
        switch scanner.current {
        case UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " "), UInt8(ascii: ":"):
            return fail("a time of day is not allowed; give the date only")
        case UInt8(ascii: "Z"), UInt8(ascii: "z"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            return fail("a time zone offset is not allowed; give the date only")
        case let byte? where ASCII.isDigit(byte):
            return fail("too many digits; expected YYYY, YYYY-MM or YYYY-MM-DD")
        default:
            return fail("unexpected text after the date; expected YYYY, YYYY-MM or YYYY-MM-DD")
        }
    }
}
