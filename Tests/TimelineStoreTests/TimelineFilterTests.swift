import Foundation
import Testing
import TimelineCore
import TimelineStore

@Suite("Timeline filters")
struct TimelineFilterTests {
    @Test func everyListedActorMustTakePart() async throws {
        try await TimelineFixture.withStore { store, _, _ throws in
            #expect(try await store.eventKeys(.with { $0.actors = ["US"] }) == ["y1979", "m1979-01", "d1979-01-01", "y2023", "d2023-08-27"])
            #expect(try await store.eventKeys(.with { $0.actors = ["US", "CN"] }) == ["y1979", "d1979-01-01", "d2023-08-27"])
            #expect(try await store.eventKeys(.with { $0.actors = ["CN", "JP"] }) == ["d1979-01-01"])
            #expect(try await store.eventKeys(.with { $0.actors = ["US", "nobody"] }).isEmpty)
        }
    }

    @Test func kindsAreAlternatives() async throws {
        try await TimelineFixture.withStore { store, _, _ throws in
            #expect(try await store.eventKeys(.with { $0.kinds = [.visit, .statement] }) == ["d1979-01-01", "d1979-01-01b", "range", "y2023"])
            #expect(try await store.eventKeys(.with { $0.kinds = [.signing] }) == ["y1979"])
            #expect(try await store.eventKeys(.with { $0.kinds = [.renewal] }).isEmpty)
        }
    }

    /// `from`/`to` select by overlap with `[from.start, to.end]`, whatever the precisions involved.
    @Test(arguments: [
        ("1979-06", "1979-12", ["y1979", "range"]),
        ("1980-01-01", "1980-01-01", ["range"]),
        ("1979-02-15", "1979-02-20", ["y1979"]),
        ("1979-01-15", "1979-01-20", ["y1979", "m1979-01"]),
        ("1979-01-01", "1979-01-01", ["y1979", "m1979-01", "d1979-01-01", "d1979-01-01b"]),
        ("1980", "2022", ["range", "m1980-02"]),
        ("1980-01-03", "1980-01-31", []),
    ])
    func rangesSelectOverlappingIntervals(from: String, to: String, expected: [String]) async throws {
        try await TimelineFixture.withStore { store, _, _ throws in
            let query = try TimelineQuery.with {
                $0.from = try PartialDate(parsing: from)
                $0.to = try PartialDate(parsing: to)
            }
            #expect(try await store.eventKeys(query) == expected)
        }
    }

    @Test func eitherEndOfARangeMayBeOpen() async throws {
        try await TimelineFixture.withStore { store, _, _ throws in
            #expect(try await store.eventKeys(.with { $0.from = PartialDate(year: 2023, month: 8, day: 27) }) == ["y2023", "d2023-08-27"])
            #expect(try await store.eventKeys(.with { $0.from = PartialDate(year: 1980, month: 1, day: 2) })
                == ["range", "m1980-02", "y2023", "d2023-08-27"])
            #expect(try await store.eventKeys(.with { $0.to = PartialDate(year: 1979) }) == Array(TimelineFixture.ascending.prefix(5)))
        }
    }

    @Test func textSearchesTitleAndSummaryWithWebSearchSyntax() async throws {
        try await TimelineFixture.withStore { store, _, _ throws in
            #expect(try await store.eventKeys(.with { $0.text = "climate" }) == ["m1980-02"])
            #expect(try await store.eventKeys(.with { $0.text = "technology" }) == ["y2023"])
            // English stemming: "cooperation" finds "cooperate".
            #expect(try await store.eventKeys(.with { $0.text = "cooperation" }) == ["y1979"])
            #expect(try await store.eventKeys(.with { $0.text = "climate or technology" }) == ["m1980-02", "y2023"])
            #expect(try await store.eventKeys(.with { $0.text = "climate -emissions" }).isEmpty)
            #expect(try await store.eventKeys(.with { $0.text = "\"working group\"" }) == ["m1979-01"])
            // Only stop words: nothing to search for, nothing found (and no error).
            #expect(try await store.eventKeys(.with { $0.text = "the" }).isEmpty)
            // Values travel as parameters: SQL in them is only text.
            #expect(try await store.eventKeys(.with { $0.text = "nothing'; DROP TABLE events; --" }).isEmpty)
        }
    }

    @Test func tagAndAgreementSelectExactly() async throws {
        try await TimelineFixture.withStore { store, _, _ throws in
            #expect(try await store.eventKeys(.with { $0.tag = "science" }) == ["y1979"])
            #expect(try await store.eventKeys(.with { $0.tag = "scien" }).isEmpty)
            #expect(try await store.eventKeys(.with { $0.tag = #"science","climate"}'\"# }).isEmpty)
            #expect(try await store.eventKeys(.with { $0.agreement = "sta" }) == ["y1979", "y2023", "d2023-08-27"])
            #expect(try await store.eventKeys(.with { $0.agreement = "other" }).isEmpty)
        }
    }

    @Test func filtersCombineWithAnd() async throws {
        try await TimelineFixture.withStore { store, _, _ throws in
            var query = TimelineQuery()
            query.actors = ["US"]
            query.agreement = "sta"
            query.kinds = [.statement, .expiration, .visit]
            query.from = PartialDate(year: 2023, month: 8)
            #expect(try await store.eventKeys(query) == ["y2023", "d2023-08-27"])
            query.to = PartialDate(year: 2023, month: 8, day: 26)
            #expect(try await store.eventKeys(query) == ["y2023"])
            query.tag = "technology"
            query.text = "talks"
            #expect(try await store.eventKeys(query) == ["y2023"])
            query.order = .descending
            query.to = nil
            query.tag = nil
            query.text = nil
            #expect(try await store.eventKeys(query) == ["d2023-08-27", "y2023"])
        }
    }
}
