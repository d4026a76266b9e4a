import Testing
import TimelineCore

@Suite struct CursorTests {
    /// The exact text PostgreSQL's `timeline_cursor` writes (SQL/0002_event_reads.sql); the store
    /// tests check the database side against the same format.
    @Test func aTimelineCursorIsBase64URLOfItsFieldsWithoutPadding() throws {
        let cursor = TimelineCursor(start: CalendarDate(year: 1, month: 2, day: 3)!, precision: .day, eventID: .max, order: .descending)
        #expect(cursor.encoded == "djF8MDAwMS0wMi0wM3wyfDkyMjMzNzIwMzY4NTQ3NzU4MDd8ZGVzYw")
        #expect(try TimelineCursor(encoded: cursor.encoded) == cursor)
    }

    @Test(arguments: PartialDate.Precision.allCases)
    func everyPrecisionAndOrderRoundTrips(precision: PartialDate.Precision) throws {
        for order in [SortDirection.ascending, .descending] {
            let cursor = TimelineCursor(start: CalendarDate(year: 2023, month: 8, day: 27)!, precision: precision, eventID: 42, order: order)
            #expect(try TimelineCursor(encoded: cursor.encoded) == cursor)
            #expect(!cursor.encoded.contains("="))
        }
    }

    /// base64url of: wrong version, too few fields, a bad date, precision 3, id 0, a signed id,
    /// a padded id, an unknown order; then text that is not base64url at all, or is but padded.
    @Test(arguments: [
        "v2|2023-08-27|2|1|asc", "v1|2023-08-27|2|1", "v1|2023-02-30|2|1|asc", "v1|2023-08-27|3|1|asc",
        "v1|2023-08-27|2|0|asc", "v1|2023-08-27|2|+1|asc", "v1|2023-08-27|2|01|asc", "v1|2023-08-27|2|1|up",
        "v1|2023-08|1|1|asc", "v1|2023-08-27|2|1|asc|",
    ].map(base64URL) + ["", "!!!", "djF8", "djF8MjAyMy0wOC0yN3wyfDF8YXNj==", "djF8MjAyMy0wOC0yN3wyfDF8YXNj\n", "djF+MjAy"])
    func garbageIsACursorError(text: String) {
        #expect(throws: CursorError.self) { try TimelineCursor(encoded: text) }
    }

    @Test func theValidTextNextToTheGarbageIsAccepted() throws {
        let cursor = try TimelineCursor(encoded: "djF8MjAyMy0wOC0yN3wyfDF8YXNj")
        #expect(cursor == TimelineCursor(start: CalendarDate(year: 2023, month: 8, day: 27)!, precision: .day, eventID: 1, order: .ascending))
    }

    @Test func anActorCursorIsBase64URLOfTheId() throws {
        #expect(ActorCursor(actorID: "US").encoded == "VVM")
        #expect(try ActorCursor(encoded: "VVM").actorID == "US")
        let long = ActorCursor(actorID: "gina-raimondo.2023_x")
        #expect(try ActorCursor(encoded: long.encoded) == long)
    }

    /// Not base64url, padded, a non-canonical last character, or an id actors cannot have.
    @Test(arguments: ["", "VVM=", "VVN", "V", "VV M", "Li4u", base64URL(String(repeating: "a", count: 65))])
    func aBadActorCursorIsACursorError(text: String) {
        #expect {
            try ActorCursor(encoded: text)
        } throws: { error in
            (error as? CursorError)?.description.contains("next_cursor") == true
        }
    }
}

/// base64url without padding, written out here independently of the code under test.
private func base64URL(_ text: String) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    let bytes = Array(text.utf8)
    var encoded = ""
    for start in stride(from: 0, to: bytes.count, by: 3) {
        let chunk = bytes[start..<min(start + 3, bytes.count)]
        let value = chunk.enumerated().reduce(0) { $0 | Int($1.element) << (16 - 8 * $1.offset) }
        for index in 0...chunk.count { encoded.append(alphabet[value >> (18 - 6 * index) & 63]) }
    }
    return encoded
}
