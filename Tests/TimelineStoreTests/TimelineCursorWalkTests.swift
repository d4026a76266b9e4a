import Foundation
import Testing
import TimelineCore
import TimelineStore

/// Contract §3: "A cursor walk returns every matching event exactly once" — also while others
/// write. Events are added between pages on both sides of the cursor; those before it are
/// simply not seen, those after it may be, and nothing is returned twice or skipped.
@Suite("Timeline cursor walk")
struct TimelineCursorWalkTests {
    static let initialCount = 1_200
    static let pageSize = 97

    @Test(arguments: [SortDirection.ascending, .descending])
    func aWalkReturnsEveryEventThatExistedAtTheStartExactlyOnce(order: SortDirection) async throws {
        try await withMigratedDatabase { pool, ingestor in
            let store = EventReadStore(pool: pool)
            // Many events share a start day and precision, so ties are broken by id across pages.
            let initial = Set(try await ingest(ingestor, (0..<Self.initialCount).map { index in
                Self.event(key: "walk-\(index)", date: Self.date(index))
            }))
            #expect(initial.count == Self.initialCount)

            var query = TimelineQuery.with {
                $0.order = order
                $0.limit = Self.pageSize
            }
            var seen: [Int64] = []
            var previous: (start: CalendarDate, precision: PartialDate.Precision, id: Int64)?
            var pages = 0
            while true {
                let page = try body(try await store.timeline(query))
                pages += 1
                for event in try #require(page["events"]?.arrayValue) {
                    let id = try #require(Int64(event["id"]?.stringValue ?? ""))
                    let date = try PartialDate(parsing: try #require(event["date"]?.stringValue))
                    let position = (date.start, date.precision, id)
                    if let previous {
                        let before = (previous.start, previous.precision.rawValue, previous.id) < (position.0, position.1.rawValue, position.2)
                        #expect(before == (order == .ascending), "out of order after \(previous)")
                    }
                    previous = position
                    seen.append(id)
                }
                guard let next = page["next_cursor"]?.stringValue else { break }
                let cursor = try TimelineCursor(encoded: next)
                query.cursor = cursor
                // Before the cursor, after it, and on its very day and precision (later id).
                try await ingest(ingestor, [
                    Self.event(key: nil, date: "1990"),
                    Self.event(key: nil, date: "2030-06-15"),
                    Self.event(key: nil, date: Self.text(cursor.start, cursor.precision)),
                ])
            }
            #expect(pages > Self.initialCount / Self.pageSize)
            #expect(Set(seen).count == seen.count, "an event came twice")
            #expect(initial.isSubset(of: Set(seen)), "missing: \(initial.subtracting(seen).sorted().prefix(10))")
        }
    }

    /// 2000-01-01 … 2003-04 in steps that repeat days; every fifth a month, every seventh a year.
    static func date(_ index: Int) -> String {
        let day = CalendarDate(year: 2000, month: 1, day: 1)!.adding(days: index * 37 % 1_200)!
        let precision: PartialDate.Precision = index % 7 == 0 ? .year : index % 5 == 0 ? .month : .day
        return text(day, precision)
    }

    static func text(_ day: CalendarDate, _ precision: PartialDate.Precision) -> String {
        switch precision {
        case .year: PartialDate(year: day.year)!.description
        case .month: PartialDate(year: day.year, month: day.month)!.description
        case .day: day.description
        }
    }

    static func event(key: String?, date: String) -> String {
        let keyField = key.map { #""key": "\#($0)", "# } ?? ""
        return #"{\#(keyField)"kind": "meeting", "title": "Walk", "date": "\#(date)", "actors": ["US"]}"#
    }
}
