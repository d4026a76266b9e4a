import Foundation
import Testing
import TimelineCore

/// Contract §3: "A cursor walk returns every matching event exactly once" — over HTTP, with
/// other clients inserting events before and after the walk's position between pages.
@Suite("Timeline cursor walk over HTTP")
struct TimelineCursorWalkAPITests {
    /// 1,000 events over ten years at every precision, several on each day.
    private static func dates(_ count: Int) -> [String] {
        (0..<count).map { index in
            let year = 2010 + index % 10
            let month = 1 + index / 10 % 12
            let day = 1 + index / 120 % 28
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            switch index % 7 {
            case 0: return "\(year)"
            case 1, 2: return "\(year)-\(two(month))"
            default: return "\(year)-\(two(month))-\(two(day))"
            }
        }
    }

    @Test(arguments: [SortDirection.ascending, .descending])
    func everyEventThatExistedAtTheStartComesExactlyOnce(order: SortDirection) async throws {
        try await withAPI { client, _ in
            let records = Self.dates(1_000).enumerated().map { index, date in visit("walk-\(index)", title: "Walk \(index)", date: date) }
            let original = Set(try await client.ingest("[\(records.joined(separator: ","))]"))
            #expect(original.count == 1_000)

            var seen: [String] = []
            var cursor: String?
            var page = 0
            repeat {
                let uri = "/v1/timeline?order=\(order.rawValue)&limit=100" + (cursor.map { "&cursor=\($0)" } ?? "")
                let response = try await client.get(uri).decoded(as: TimelinePage.self)
                seen += response.events.map(\.id)
                cursor = response.nextCursor
                // Others write meanwhile: before the walk's position, after it, and on its very day.
                page += 1
                let inserted = ["2009-06-0\(page % 9 + 1)", "2020-0\(page % 9 + 1)-15", response.events.last?.date ?? "2015"]
                    .enumerated().map { offset, date in visit("inserted-\(page)-\(offset)", title: "Inserted", date: date) }
                _ = try await client.ingest("[\(inserted.joined(separator: ","))]")
            } while cursor != nil && page < 100

            #expect(Set(seen).count == seen.count, "an event came twice")
            #expect(original.isSubset(of: Set(seen)), "\(original.subtracting(seen).count) events never came")
        }
    }
}
