/// An instant given as RFC 3339 text (`2023-08-27T10:15:00.5+02:00`), kept as microseconds in
/// UTC — PostgreSQL's `timestamptz` resolution — so that it compares with stored times exactly.
///
/// Finer fractions are truncated, not rounded: a stored time (whole microseconds) is at or before
/// the given instant exactly when it is at or before the truncated one, so `recorded_at <= T`
/// keeps its meaning.
public struct RFC3339Timestamp: Sendable, Hashable, CustomStringConvertible {
    /// Microseconds since 0001-01-01T00:00:00Z.
    private let microseconds: Int64

    private static let microsecondsPerSecond: Int64 = 1_000_000
    private static let microsecondsPerDay: Int64 = 86_400 * microsecondsPerSecond
    private static let example = "2023-08-27T10:15:00Z"

    /// `date 'T' time [fraction] offset`, exactly as RFC 3339 §5.6 writes it: four-digit years,
    /// two-digit fields, at most nine fraction digits, `Z` or `±HH:MM`. RFC 3339 lets `T` and `Z`
    /// be lower case, so they may be; a space for `T`, a missing offset or seconds are rejected.
    /// A leap second (`:60`) is taken as the first instant of the next minute, as PostgreSQL does.
    public init(parsing text: String) throws(TimestampParseError) {
        var scanner = ASCIIScanner(text)
        let bytes = scanner.bytes
        func fail(_ reason: String) -> TimestampParseError { TimestampParseError(input: text, reason: reason) }

        guard !bytes.isEmpty else { throw fail("the text is empty; expected for example \(Self.example)") }
        // The shape first: CalendarDate's own messages are about dates standing alone.
        let dateLength = 10
        let isDateShaped = bytes.count >= dateLength && (0..<dateLength).allSatisfy { index in
            index == 4 || index == 7 ? bytes[index] == UInt8(ascii: "-") : ASCII.isDigit(bytes[index])
        }
        guard isDateShaped else { throw fail("it must start with a date YYYY-MM-DD; expected for example \(Self.example)") }
        let date: CalendarDate
        do {
            date = try CalendarDate(parsing: String(decoding: bytes.prefix(dateLength), as: UTF8.self))
        } catch {
            throw fail(error.reason)
        }
        guard bytes.count > dateLength else { throw fail("the time of day is missing; expected for example \(Self.example)") }
        switch bytes[dateLength] {
        case UInt8(ascii: "T"), UInt8(ascii: "t"): break
        case UInt8(ascii: " "): throw fail("the date and the time are separated by 'T', not a space")
        default: throw fail("expected 'T' between the date and the time of day")
        }

        scanner.advance(by: dateLength + 1)
        func twoDigits(_ name: String, max: Int) throws(TimestampParseError) -> Int {
            guard scanner.digitCount >= 2 else { throw fail("the \(name) must have exactly two digits (HH:MM:SS)") }
            let value = scanner.readNumber(digits: 2)
            guard value <= max else { throw fail("\(name) \(Quoting.padded(value, width: 2)) does not exist") }
            return value
        }
        func separator(_ byte: UInt8, _ message: String) throws(TimestampParseError) {
            guard scanner.skip(byte) else { throw fail(message) }
        }

        let hour = try twoDigits("hour", max: 23)
        try separator(UInt8(ascii: ":"), "the time must be HH:MM:SS")
        let minute = try twoDigits("minute", max: 59)
        try separator(UInt8(ascii: ":"), "seconds are required (HH:MM:SS)")
        let second = try twoDigits("second", max: 60)

        var fraction: Int64 = 0
        if scanner.skip(UInt8(ascii: ".")) {
            let digits = scanner.digitCount
            guard (1...9).contains(digits) else {
                throw fail("the fraction of a second must have 1 to 9 digits")
            }
            let value = Int64(scanner.readNumber(digits: digits))
            fraction = digits <= 6 ? value * Self.powerOfTen(6 - digits) : value / Self.powerOfTen(digits - 6)
        }

        var offsetMinutes = 0
        switch scanner.current {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            scanner.advance()
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = scanner.current == UInt8(ascii: "-") ? -1 : 1
            scanner.advance()
            let offsetHours = try twoDigits("offset hour", max: 23)
            try separator(UInt8(ascii: ":"), "the offset must be ±HH:MM")
            offsetMinutes = sign * (offsetHours * 60 + (try twoDigits("offset minute", max: 59)))
        default:
            throw fail("a time zone offset is required: 'Z' or ±HH:MM")
        }
        guard scanner.isAtEnd else { throw fail("unexpected text after the time zone offset") }

        let seconds = Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + (minute - offsetMinutes) * 60 + second)
        let microseconds = seconds * Self.microsecondsPerSecond + fraction
        guard (0..<(Int64(CalendarDate.latest.dayNumber) + 1) * Self.microsecondsPerDay).contains(microseconds) else {
            throw fail("the instant falls outside the years 0001–9999 in UTC")
        }
        self.microseconds = microseconds
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`: UTC with six fraction digits — the form `recorded_at` is
    /// shown in, and one PostgreSQL reads as `timestamptz` whatever the session's settings.
    public var description: String {
        let day = CalendarDate(dayNumber: Int(microseconds / Self.microsecondsPerDay))!
        let ofDay = microseconds % Self.microsecondsPerDay
        let seconds = Int(ofDay / Self.microsecondsPerSecond)
        return "\(day)T\(Quoting.padded(seconds / 3600, width: 2)):\(Quoting.padded(seconds / 60 % 60, width: 2))"
            + ":\(Quoting.padded(seconds % 60, width: 2)).\(Quoting.padded(Int(ofDay % Self.microsecondsPerSecond), width: 6))Z"
    }

    private static func powerOfTen(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(1) { power, _ in power * 10 }
    }
}
