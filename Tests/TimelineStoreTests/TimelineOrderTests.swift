import Foundation
import TestSupport
import Testing
import TimelineCore
import TimelineStore

@Suite("Timeline order and pages")
struct TimelineOrderTests {
    @Test func ordersByStartThenPrecisionThenIdAndDescReversesAll() async throws {
        try await TimelineFixture.withStore { store, _, _ throws in
            #expect(try await store.eventKeys(TimelineQuery()) == TimelineFixture.ascending)
            #expect(try await store.eventKeys(.with { $0.order = .descending }) == TimelineFixture.ascending.reversed())
        }
    }

    @Test(arguments: [SortDirection.ascending, .descending])
    func pagesFollowTheOrderAndTheLastOneHasNoCursor(order: SortDirection) async throws {
        try await TimelineFixture.withStore { store, _, _ in
            var query = TimelineQuery.with {
                $0.order = order
                $0.limit = 3
            }
            var pages: [[String]] = []
            while true {
                let page = try body(try await store.timeline(query))
                pages.append(keys(page))
                guard let next = page["next_cursor"]?.stringValue else {
                    #expect(page["next_cursor"] == .null)
                    break
                }
                query.cursor = try TimelineCursor(encoded: next)
            }
            let expected = order == .ascending ? TimelineFixture.ascending : TimelineFixture.ascending.reversed()
            #expect(pages == [Array(expected[0..<3]), Array(expected[3..<6]), Array(expected[6..<8])])
        }
    }

    /// The cursor PostgreSQL writes is the one TimelineCursor reads and writes: same fields, same text.
    @Test func nextCursorIsTheLastEventOfThePageInTheCoresFormat() async throws {
        try await TimelineFixture.withStore { store, _, _ in
            for order in [SortDirection.ascending, .descending] {
                let page = try body(try await store.timeline(.with {
                    $0.order = order
                    $0.limit = 2
                }))
                let last = try #require(page["events"]?.arrayValue?.last)
                let text = try #require(page["next_cursor"]?.stringValue)
                let cursor = try TimelineCursor(encoded: text)
                let date = try PartialDate(parsing: try #require(last["date"]?.stringValue))
                #expect(cursor == TimelineCursor(
                    start: date.start, precision: date.precision, eventID: try #require(Int64(last["id"]?.stringValue ?? "")), order: order
                ))
                #expect(cursor.encoded == text)
            }
        }
    }

    @Test func aPageExactlyAsLongAsWhatIsLeftHasNoCursor() async throws {
        try await TimelineFixture.withStore { store, _, _ in
            let page = try body(try await store.timeline(.with { $0.limit = TimelineFixture.ascending.count }))
            #expect(keys(page) == TimelineFixture.ascending)
            #expect(page["next_cursor"] == .null)
            let empty = try body(try await store.timeline(.with { $0.agreement = "none" }))
            #expect(empty == ["events": [], "next_cursor": nil])
        }
    }

    @Test func asOfShowsTheRevisionInForceAtThatInstant() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let store = EventReadStore(pool: pool)
            let id = try await ingest(ingestor, [#"{"key": "k", "kind": "meeting", "title": "Talks", "date": "2023-08"}"#])[0]
            try await ingest(ingestor, [#"{"key": "k", "kind": "meeting", "title": "Talks in Beijing", "date": "2023-08-28"}"#])
            _ = try await EventRetractor(pool: pool, logger: TestDatabase.logger).retract(id: id)
            let revisions = try #require(try body(try await store.revisions(id: id))["revisions"]?.arrayValue)
            let recorded = try revisions.map { try RFC3339Timestamp(parsing: try #require($0["recorded_at"]?.stringValue)) }
            try #require(recorded.count == 3)

            func titles(asOf instant: RFC3339Timestamp?) async throws -> [String] {
                let page = try body(try await store.timeline(.with { $0.asOf = instant }))
                return page["events"]?.arrayValue?.compactMap { $0["title"]?.stringValue } ?? []
            }
            #expect(try await titles(asOf: RFC3339Timestamp(parsing: "2000-01-01T00:00:00Z")).isEmpty)
            #expect(try await titles(asOf: recorded[0]) == ["Talks"])
            #expect(try await titles(asOf: recorded[1]) == ["Talks in Beijing"])
            #expect(try await titles(asOf: recorded[2]).isEmpty)
            #expect(try await titles(asOf: nil).isEmpty)
            // Filters apply to the revision in force: the first one was a month event.
            let august = try body(try await store.timeline(.with {
                $0.asOf = recorded[0]
                $0.to = PartialDate(year: 2023, month: 8, day: 1)
            }))
            #expect(keys(august) == ["k"])
            #expect(august["events"]?.arrayValue?.first?["revision"] == 1)
        }
    }
}
