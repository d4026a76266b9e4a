import Foundation
import Testing
import TimelineCore

@Suite struct PartialDateTests {
    @Test(arguments: [
        ("1979", PartialDate.Precision.year),
        ("2023-08", .month),
        ("2023-08-27", .day),
        ("0001", .year),
        ("9999-12-31", .day),
    ])
    func parsesEachPrecision(text: String, precision: PartialDate.Precision) throws {
        let date = try PartialDate(parsing: text)
        #expect(date.precision == precision)
        #expect(date.description == text)
    }

    /// Contract §1's rejection cases, and the reason each one gives.
    @Test(arguments: [
        ("2023-02-30", "February 2023 has 28 days"),
        ("2023-13", "month 13 does not exist"),
        ("0000", "year 0000 is out of range"),
        ("79", "four digits"),
        ("2023-8-1", "month must have exactly two digits"),
        ("2023-08-1", "day must have exactly two digits"),
        ("2023-08-27T10:00:00Z", "time of day"),
        ("2023-08-27 10:00", "time of day"),
        ("2023T10", "time of day"),
        ("2023-08-27+02:00", "offset"),
        ("2023-08-27Z", "offset"),
        ("2023-08-27-05:00", "offset"),
        (" 2023", "whitespace"),
        ("2023-08-27\n", "whitespace"),
        ("", "empty"),
        ("-0001", "signed"),
        ("+2023", "signed"),
        ("20230827", "hyphens"),
        ("12023", "four digits"),
        ("2023-", "two digits after"),
        ("2023-00", "month 00 does not exist"),
        ("2023-04-31", "April 2023 has 30 days"),
        ("2023-01-00", "day 00"),
        ("2023/08/27", "unexpected text"),
        ("２０２３", "expected YYYY"),
    ])
    func rejects(text: String, reasonFragment: String) {
        #expect {
            try PartialDate(parsing: text)
        } throws: { error in
            guard let error = error as? DateParseError else { return false }
            return error.input == text && error.reason.contains(reasonFragment)
        }
    }

    @Test func explainsTheProblemInOneLine() {
        #expect(throws: DateParseError(input: "2023-02-30", reason: "February 2023 has 28 days")) {
            try PartialDate(parsing: "2023-02-30")
        }
        let error = DateParseError(input: "2023-02-30", reason: "February 2023 has 28 days")
        #expect(error.description == "'2023-02-30' is not a date: February 2023 has 28 days")
    }

    @Test func acceptsLeapDays() throws {
        #expect(try PartialDate(parsing: "2024-02-29").end.description == "2024-02-29")
        #expect(try PartialDate(parsing: "2000-02-29").precision == .day)
        #expect(throws: DateParseError.self) { try PartialDate(parsing: "1900-02-29") }
    }

    @Test(arguments: [
        ("1979", "1979-01-01", "1979-12-31"),
        ("2023-08", "2023-08-01", "2023-08-31"),
        ("2023-02", "2023-02-01", "2023-02-28"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("1900-02", "1900-02-01", "1900-02-28"),
        ("2000-02", "2000-02-01", "2000-02-29"),
        ("2023-04", "2023-04-01", "2023-04-30"),
        ("2023-08-27", "2023-08-27", "2023-08-27"),
        ("9999", "9999-01-01", "9999-12-31"),
    ])
    func coversAnInterval(text: String, start: String, end: String) throws {
        let date = try PartialDate(parsing: text)
        #expect(date.start.description == start)
        #expect(date.end.description == end)
    }

    @Test func ordersByStartThenPrecision() throws {
        let year = try PartialDate(parsing: "1979")
        let month = try PartialDate(parsing: "1979-01")
        let day = try PartialDate(parsing: "1979-01-01")
        #expect(year < month)
        #expect(month < day)
        #expect(year < day)
        #expect(!(day < year))
        #expect([day, month, year].sorted() == [year, month, day])

        let laterDay = try PartialDate(parsing: "1979-01-02")
        let february = try PartialDate(parsing: "1979-02")
        #expect(day < laterDay)
        #expect(laterDay < february)
        #expect(try PartialDate(parsing: "1978-12-31") < year)
    }

    @Test func buildsFromFields() throws {
        #expect(PartialDate(year: 2023)?.description == "2023")
        #expect(PartialDate(year: 2023, month: 8)?.description == "2023-08")
        #expect(PartialDate(year: 2023, month: 2, day: 29) == nil)
        #expect(PartialDate(year: 2023, day: 1) == nil)
        #expect(PartialDate(year: 0) == nil)
        let date = try CalendarDate(parsing: "2023-08-27")
        #expect(PartialDate(date) == (try PartialDate(parsing: "2023-08-27")))
    }

    @Test func overlapsInclusiveRanges() throws {
        let august = try PartialDate(parsing: "2023-08")
        let from = try CalendarDate(parsing: "2023-08-31")
        let to = try CalendarDate(parsing: "2023-09-30")
        #expect(august.overlaps(from: from, to: to))
        #expect(!august.overlaps(from: try CalendarDate(parsing: "2023-09-01"), to: to))
    }

    @Test func codesAsText() throws {
        let dates = try ["1979", "2023-08", "2023-08-27"].map { try PartialDate(parsing: $0) }
        let data = try JSONEncoder().encode(dates)
        #expect(String(decoding: data, as: UTF8.self) == #"["1979","2023-08","2023-08-27"]"#)
        #expect(try JSONDecoder().decode([PartialDate].self, from: data) == dates)
        let precisions = try JSONEncoder().encode(PartialDate.Precision.allCases)
        #expect(String(decoding: precisions, as: UTF8.self) == #"["year","month","day"]"#)
        #expect(PartialDate.Precision.allCases.map(\.name) == ["year", "month", "day"])
        #expect(PartialDate.Precision.year < .month && PartialDate.Precision.month < .day)
    }
}
