import Foundation
import Testing
import TimelineCore

@Suite struct ISODurationTests {
    @Test(arguments: [
        ("P6M", 0, 6, 0),
        ("P5Y", 5, 0, 0),
        ("P1Y6M", 1, 6, 0),
        ("P90D", 0, 0, 90),
        ("P1Y2M3D", 1, 2, 3),
        ("P1Y3D", 1, 0, 3),
        ("P0D", 0, 0, 0),
        ("P12M", 0, 12, 0),
    ])
    func parses(text: String, years: Int, months: Int, days: Int) throws {
        let duration = try ISODuration(parsing: text)
        #expect(duration == ISODuration(years: years, months: months, days: days))
        #expect(duration.description == text)
    }

    @Test(arguments: [
        ("P", "at least one part"),
        ("", "empty"),
        ("P1W", "weeks are not supported; use days (P7D)"),
        ("PT1H", "time parts"),
        ("P1DT2H", "time parts"),
        ("-P1D", "negative"),
        ("P-1D", "expected a number"),
        ("+P1D", "sign"),
        (" P1D", "whitespace"),
        ("P1D ", "whitespace"),
        ("P1 D", "unknown unit"),
        ("p1d", "upper-case 'P'"),
        ("P1d", "upper-case Y, M or D"),
        ("P6", "no unit"),
        ("P1M1Y", "order"),
        ("P1Y1Y", "order"),
        ("P0.5Y", "fractions"),
        ("6M", "start with 'P'"),
        ("P1234567890D", "too large"),
    ])
    func rejects(text: String, reasonFragment: String) {
        #expect {
            try ISODuration(parsing: text)
        } throws: { error in
            guard let error = error as? DurationParseError else { return false }
            return error.input == text && error.reason.contains(reasonFragment)
        }
    }

    @Test func describesTheProblem() {
        let error = DurationParseError(input: "P1W", reason: "weeks are not supported; use days (P7D)")
        #expect(error.description == "'P1W' is not a duration: weeks are not supported; use days (P7D)")
    }

    @Test func writesCanonicalText() throws {
        #expect(try ISODuration(parsing: "P0Y6M").description == "P6M")
        #expect(try ISODuration(parsing: "P06M") == ISODuration(months: 6))
        #expect(ISODuration().description == "P0D")
    }

    @Test(arguments: [
        ("2024-01-31", "P1M", "2024-02-29"),
        ("2023-01-31", "P1M", "2023-02-28"),
        ("2024-02-29", "P1Y", "2025-02-28"),
        ("2024-02-29", "P4Y", "2028-02-29"),
        ("2023-08-31", "P6M", "2024-02-29"),
        ("2023-03-31", "P1M", "2023-04-30"),
        ("2023-11-30", "P3M", "2024-02-29"),
        ("2023-08-27", "P6M", "2024-02-27"),
        ("2024-01-31", "P1M1D", "2024-03-01"),
        ("2023-12-31", "P90D", "2024-03-30"),
        ("2023-01-15", "P1Y18M", "2025-07-15"),
        ("2023-08-27", "P0D", "2023-08-27"),
    ])
    func addsMonthsWithClamping(start: String, duration: String, expected: String) throws {
        let date = try CalendarDate(parsing: start)
        #expect(date.adding(try ISODuration(parsing: duration))?.description == expected)
    }

    @Test func refusesToLeaveTheCalendar() throws {
        #expect(CalendarDate.latest.adding(ISODuration(days: 1)) == nil)
        #expect(CalendarDate.latest.adding(ISODuration(months: 1)) == nil)
        #expect(try CalendarDate(parsing: "9000-01-01").adding(ISODuration(years: 999_999_999)) == nil)
        #expect(try CalendarDate(parsing: "9999-11-30").adding(ISODuration(months: 1))?.description == "9999-12-30")
    }

    @Test func codesAsText() throws {
        let data = try JSONEncoder().encode([ISODuration(years: 1, months: 6)])
        #expect(String(decoding: data, as: UTF8.self) == #"["P1Y6M"]"#)
        #expect(try JSONDecoder().decode([ISODuration].self, from: data) == [ISODuration(years: 1, months: 6)])
    }
}
