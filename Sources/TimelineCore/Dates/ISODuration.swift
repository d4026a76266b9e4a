/// An ISO 8601 duration of the contract's restricted form `PnYnMnD` (contract §1).
///
/// Parts are kept as given rather than normalised (`P12M` stays 12 months): with month-end clamping
/// the result of adding is the same, and the record keeps what the client wrote.
public struct ISODuration: Hashable, Sendable, CustomStringConvertible, CodableAsText {
    public let years: Int
    public let months: Int
    public let days: Int

    /// Each part at most this many digits, so no arithmetic on durations can overflow.
    static let maximumDigits = 9

    public init(years: Int = 0, months: Int = 0, days: Int = 0) {
        precondition(years >= 0 && months >= 0 && days >= 0, "durations are never negative")
        self.years = years
        self.months = months
        self.days = days
    }

    /// `P6M`, `P5Y`, `P1Y6M`, `P90D`: at least one part, each at most once, in the order Y, M, D.
    public init(parsing text: String) throws(DurationParseError) {
        var scanner = ASCIIScanner(text)
        func fail(_ reason: String) -> DurationParseError { DurationParseError(input: text, reason: reason) }
        let example = "expected PnYnMnD such as P6M, P1Y6M or P90D"

        guard let first = scanner.bytes.first, let last = scanner.bytes.last else {
            throw fail("the text is empty; \(example)")
        }
        if ASCII.isSpace(first) || ASCII.isSpace(last) {
            throw fail("leading or trailing whitespace is not allowed")
        }
        switch first {
        case UInt8(ascii: "-"): throw fail("negative durations are not allowed")
        case UInt8(ascii: "+"): throw fail("a sign is not allowed; \(example)")
        case UInt8(ascii: "p"): throw fail("it must start with an upper-case 'P'")
        case UInt8(ascii: "P"): scanner.advance()
        default: throw fail("it must start with 'P'; \(example)")
        }
        if scanner.isAtEnd {
            throw fail("at least one part is required; \(example)")
        }

        var parts = [0, 0, 0]
        var lastRank = -1
        while let next = scanner.current {
            let digits = scanner.digitCount
            if digits == 0 {
                if next == UInt8(ascii: "T") {
                    throw fail("time parts (T…) are not supported; durations have years, months and days")
                }
                throw fail("expected a number at \(Self.describe(next)); \(example)")
            }
            guard digits <= Self.maximumDigits else {
                throw fail("the number is too large (at most \(Self.maximumDigits) digits)")
            }
            let value = scanner.readNumber(digits: digits)
            guard let unit = scanner.current else {
                throw fail("the number \(value) has no unit; add Y, M or D")
            }
            let rank: Int
            switch unit {
            case UInt8(ascii: "Y"): rank = 0
            case UInt8(ascii: "M"): rank = 1
            case UInt8(ascii: "D"): rank = 2
            case UInt8(ascii: "W"): throw fail("weeks are not supported; use days (P\(value * 7)D)")
            case UInt8(ascii: "."), UInt8(ascii: ","): throw fail("fractions are not allowed; use whole numbers")
            case UInt8(ascii: "y"), UInt8(ascii: "m"), UInt8(ascii: "d"), UInt8(ascii: "w"):
                throw fail("units must be upper-case Y, M or D")
            default:
                throw fail("unknown unit at \(Self.describe(unit)); \(example)")
            }
            guard rank > lastRank else {
                throw fail("each part may appear once, in the order years (Y), months (M), days (D)")
            }
            parts[rank] = value
            lastRank = rank
            scanner.advance()
        }
        self.init(years: parts[0], months: parts[1], days: parts[2])
    }

    /// Canonical text: zero parts are left out, and the zero duration is `P0D`.
    public var description: String {
        var text = "P"
        if years > 0 { text += "\(years)Y" }
        if months > 0 { text += "\(months)M" }
        if days > 0 || text == "P" { text += "\(days)D" }
        return text
    }

    private static func describe(_ byte: UInt8) -> String {
        ASCII.isVisible(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "a non-ASCII or space character"
    }
}
