import Foundation
import Testing
import TimelineCore

@Suite struct CalendarDateTests {
    @Test func acceptsRealDatesOnly() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2023, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2023, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2023, month: 0, day: 1) == nil)
        #expect(CalendarDate(year: 2023, month: 1, day: 0) == nil)
        #expect(CalendarDate(year: 0, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 9999, month: 12, day: 31) == CalendarDate.latest)
    }

    @Test func parsesOnlyFullDates() throws {
        let date = try CalendarDate(parsing: "2023-08-27")
        #expect((date.year, date.month, date.day) == (2023, 8, 27))
        #expect(date.description == "2023-08-27")
        #expect(throws: DateParseError.self) { try CalendarDate(parsing: "2023-08") }
        #expect(throws: DateParseError.self) { try CalendarDate(parsing: "2023") }
        #expect(throws: DateParseError.self) { try CalendarDate(parsing: "2023-02-29") }
    }

    @Test func printsFourDigitYears() {
        #expect(CalendarDate(year: 79, month: 1, day: 5)?.description == "0079-01-05")
        #expect(CalendarDate.earliest.description == "0001-01-01")
    }

    @Test func dayNumberStartsAtYearOne() {
        #expect(CalendarDate.earliest.dayNumber == 0)
        #expect(CalendarDate(year: 1, month: 12, day: 31)?.dayNumber == 364)
        #expect(CalendarDate(year: 2, month: 1, day: 1)?.dayNumber == 365)
        #expect(CalendarDate.latest.dayNumber == 3_652_058)
        #expect(CalendarDate(dayNumber: -1) == nil)
        #expect(CalendarDate(dayNumber: 3_652_059) == nil)
    }

    @Test func dayNumberRoundTripsEveryDayOfSelectedCenturies() throws {
        // Whole 400-year cycles around the tricky century years, plus the ends of the range.
        let ranges = [0..<2_000, 584_000..<(584_000 + 146_097), 3_600_000..<3_652_059]
        for range in ranges {
            var previous: CalendarDate?
            for number in range {
                let date = try #require(CalendarDate(dayNumber: number))
                #expect(date.dayNumber == number)
                #expect(CalendarDate(year: date.year, month: date.month, day: date.day) == date)
                if let previous {
                    #expect(previous < date)
                }
                previous = date
            }
        }
    }

    @Test func dayNumberAgreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let epoch = try #require(CalendarDate(year: 1970, month: 1, day: 1))
        for offset in stride(from: -100_000, through: 100_000, by: 997) {
            let instant = Date(timeIntervalSince1970: Double(offset) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day], from: instant)
            let date = try #require(epoch.adding(days: offset))
            #expect([date.year, date.month, date.day] == [parts.year, parts.month, parts.day])
        }
    }

    @Test func takesTodayInATimeZone() throws {
        let instant = Date(timeIntervalSince1970: 1_693_094_400)  // 2023-08-27T00:00:00Z
        let utc = try #require(TimeZone(identifier: "UTC"))
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        #expect(CalendarDate(instant, in: utc)?.description == "2023-08-27")
        #expect(CalendarDate(instant, in: newYork)?.description == "2023-08-26")
    }

    @Test func addsDaysWithinRange() throws {
        let date = try CalendarDate(parsing: "2023-12-31")
        #expect(date.adding(days: 1)?.description == "2024-01-01")
        #expect(date.adding(days: 60)?.description == "2024-02-29")
        #expect(date.adding(days: -365)?.description == "2022-12-31")
        #expect(CalendarDate.latest.adding(days: 1) == nil)
        #expect(CalendarDate.earliest.adding(days: -1) == nil)
        #expect(date.adding(days: .max) == nil)
    }

    @Test func countsDaysBetweenDates() throws {
        let a = try CalendarDate(parsing: "2023-08-27")
        let b = try CalendarDate(parsing: "2024-02-27")
        #expect(CalendarDate.days(from: a, to: b) == 184)
        #expect(CalendarDate.days(from: b, to: a) == -184)
        #expect(CalendarDate.days(from: a, to: a) == 0)
    }

    @Test func encodesAsItsText() throws {
        let date = try CalendarDate(parsing: "2024-02-29")
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2024-02-30"]"#.utf8))
        }
    }
}
