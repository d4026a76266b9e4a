import TimelineCore

/// A Wikidata time value as the query service returns it: an `xsd:dateTime` literal
/// (`"1979-01-31T00:00:00Z"`; a year-precision date arrives as `"1979-01-01T00:00:00Z"`) and its
/// `wikibase:timePrecision` — 9 year, 10 month, 11 day. Finer precisions (hours and below) are read
/// as days: the contract's dates stop there.
enum WikidataTime {
    enum Reading: Equatable {
        case date(PartialDate)
        /// A real time value the contract's dates cannot hold: coarser than a year (a decade, a
        /// century), or a year outside 1–9999.
        case unusable
    }

    static let yearPrecision = 9
    static let monthPrecision = 10
    static let dayPrecision = 11
    /// Wikibase's precisions run from 0 (a billion years) to 14 (a second).
    static let precisions = 0...14

    /// The date of `value` at `precision`; nil when the variable is unbound.
    static func read(_ value: SPARQLTerm?, precision: SPARQLTerm?, variable: String) throws(TreatyRowProblem) -> Reading? {
        guard let value else { return nil }
        let precisionVariable = variable + "Precision"
        guard let precision else { throw TreatyRowProblem(precisionVariable, "missing where \(variable) is given") }
        guard precision.kind == .literal, let digits = Int(precision.value), precisions.contains(digits) else {
            throw TreatyRowProblem(precisionVariable, "must be a whole number from 0 to 14, not \(Quoting.quoted(precision.value))")
        }
        guard value.kind == .literal, let fields = fields(of: value.value) else {
            throw TreatyRowProblem(variable, "must be an xsd:dateTime literal such as 1979-01-31T00:00:00Z, not \(Quoting.quoted(value.value))")
        }
        guard digits >= yearPrecision, !fields.isNegative, CalendarDate.validYears.contains(fields.year) else { return .unusable }
        // A coarser precision leaves the finer fields meaningless, and Wikidata may write them as 00.
        let date = switch digits {
        case yearPrecision: PartialDate(year: fields.year)
        case monthPrecision: PartialDate(year: fields.year, month: fields.month)
        default: PartialDate(year: fields.year, month: fields.month, day: fields.day)
        }
        guard let date else {
            throw TreatyRowProblem(variable, "\(Quoting.quoted(value.value)) is no date of the Gregorian calendar")
        }
        return .date(date)
    }

    /// Year, month and day of `[+-]Y…Y-MM-DDT…`; nil when the text has another shape.
    private static func fields(of text: String) -> (isNegative: Bool, year: Int, month: Int, day: Int)? {
        var rest = Substring(text)
        let isNegative = rest.first == "-"
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        guard let timeSeparator = rest.firstIndex(of: "T") else { return nil }
        let parts = rest[..<timeSeparator].split(separator: "-", omittingEmptySubsequences: false)
        // Wikidata's years reach thirteen billion years back; more digits than that are no year.
        guard parts.count == 3, (1...12).contains(parts[0].count), parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        return (isNegative, year, month, day)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
