import Testing
import TimelineCore
@testable import TimelinePages

@Suite("Time axis ticks")
struct TimeAxisTests {
    @Test(
        "Every span gets a handful of ticks at a step that suits it",
        arguments: [
            ("2023-08-27", "2023-08-30", "27 Aug 2023"),
            ("2023-08-01", "2023-09-30", "1 Aug 2023"),
            ("2019-01-01", "2024-12-31", "2019"),
            ("1950-01-01", "2024-06-01", "1950"),
            ("1648-10-24", "2024-06-01", "1650"),
            ("2023-03-15", "2023-12-20", "Apr 2023"),
        ])
    func ticks(first: String, last: String, firstLabel: String) {
        let axis = TimeAxis(first: PageFixtures.date(first), last: PageFixtures.date(last), maximumTicks: 10)
        #expect((2...10).contains(axis.ticks.count))
        #expect(axis.ticks.first?.label == firstLabel)
        #expect(axis.ticks.allSatisfy { $0.date >= axis.first && $0.date <= axis.last })
        #expect(zip(axis.ticks, axis.ticks.dropFirst()).allSatisfy { $0.date < $1.date })
    }

    @Test("Month ticks name the year where it changes")
    func monthLabels() {
        let axis = TimeAxis(first: PageFixtures.date("2023-10-01"), last: PageFixtures.date("2024-03-31"), maximumTicks: 10)
        #expect(axis.ticks.map(\.label) == ["Oct 2023", "Nov", "Dec", "Jan 2024", "Feb", "Mar"])
    }

    @Test("Positions run from 0 at the first day to 1 after the last")
    func positions() {
        let axis = TimeAxis(first: PageFixtures.date("2024-01-01"), last: PageFixtures.date("2024-01-10"))
        #expect(axis.position(of: PageFixtures.date("2024-01-01")) == 0)
        #expect(axis.position(after: PageFixtures.date("2024-01-10")) == 1)
        #expect(axis.position(of: PageFixtures.date("2024-01-06")) == 0.5)
    }
}
