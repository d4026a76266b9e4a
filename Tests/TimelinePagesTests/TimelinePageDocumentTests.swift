import Testing
import TimelineCore
import TimelinePages

/// The timeline document read back the way the pages and the TimelineJS export read it.
@Suite struct TimelinePageDocumentTests {
    /// A page as the store writes it, with the members the pages skip among those they read.
    static let page = """
        {"events": [
          {"id": "7", "key": "k-7", "revision": 2, "kind": "extension", "title": "Extended \\"six months\\"",
           "date": "2023-08", "end_date": "2023-09-01", "recorded_at": "2026-12-07T02:15:24Z",
           "actors": ["US", {"id": "CN", "role": "host", "notes": [1, {"x": null}]}, {"role": "no id"}, 5],
           "agreement": {"id": "us-cn-sta", "title": "STA"}, "location": "Beijing",
           "summary": "Caf\\u00e9 talks", "tags": ["science", 3, "trade"], "status": "candidate",
           "sources": [{"url": "https://example.org/a", "published": "2023-08-23"}, {"published": "2023"},
                       {"title": "Wire"}, "not an object"],
           "retracted": false, "extra": {"deep": [[[]]]}, "note": "caf\\u00e9 \\"quoted\\" über"},
          {"id": "8", "title": "Unknown kind", "date": "2024", "kind": "summit", "agreement": "a-1"},
          {"title": "no id", "date": "2024"},
          {"id": "9", "date": "2024"},
          {"id": "10", "title": "bad date", "date": "2024-13"},
          "not an event"
        ],
        "next_cursor": "abc", "unknown": [1, 2]}
        """

    @Test func readsTheMembersThePagesShow() throws {
        let document = try TimelinePageDocument(json: Self.page.utf8)
        #expect(document.events.map(\.id) == ["7", "8"])
        #expect(document.nextCursor == "abc")
        let event = document.events[0]
        #expect(event.kind == .extension)
        #expect(event.title == "Extended \"six months\"")
        #expect(event.date == (try PartialDate(parsing: "2023-08")))
        #expect(event.endDate == (try PartialDate(parsing: "2023-09-01")))
        #expect(event.actors == ["US", "CN"])
        #expect(event.agreement == "us-cn-sta")
        #expect(event.location == "Beijing")
        #expect(event.summary == "Café talks")
        #expect(event.tags == ["science", "trade"])
        #expect(event.status == "candidate")
        #expect(event.sources.map(\.url) == ["https://example.org/a", nil])
        #expect(event.sources.map(\.title) == [nil, "Wire"])
        #expect(event.sources.map(\.published) == ["2023-08-23", nil])
    }

    @Test func keepsAKindThisBuildDoesNotKnow() throws {
        let event = try TimelinePageDocument(json: Self.page.utf8).events[1]
        #expect(event.kind == nil)
        #expect(event.kindName == "summit")
        #expect(event.agreement == "a-1")
        #expect(event.actors.isEmpty && event.sources.isEmpty && event.tags.isEmpty)
    }

    @Test func emptyPage() throws {
        let document = try TimelinePageDocument(json: #"{"events": [], "next_cursor": null}"#.utf8)
        #expect(document.events.isEmpty)
        #expect(document.nextCursor == nil)
    }

    /// Skipped members are checked as strictly as read ones.
    @Test(arguments: [
        (#"{"events": [], "x": [1,]}"#, "trailing comma before ']'"),
        (#"{"events": [{"id": "1", "extra": {"a": 1 "b": 2}}]}"#, "expected ',' or '}' in an object, found '\"'"),
        ("{\"events\": [], \"x\": \"\u{01}\"}", "control character U+0001 must be escaped in a string"),
        (#"{"events": []} []"#, "unexpected '[' after the JSON value"),
        (#"{"events": [{"id": tru}]}"#, "invalid literal; expected 'true'"),
    ])
    func refusesMalformedJSON(text: String, message: String) {
        #expect {
            _ = try TimelinePageDocument(json: text.utf8)
        } throws: { error in
            (error as? JSONParseError)?.message == message
        }
    }

    @Test func refusesASkippedStringThatIsNotUTF8() {
        let bytes = Array(#"{"events": [], "x": "ab"#.utf8) + [0xFF] + Array(#""}"#.utf8)
        #expect {
            _ = try TimelinePageDocument(json: bytes)
        } throws: { error in
            (error as? JSONParseError)?.message == "string is not valid UTF-8"
        }
    }

    /// Member names are matched as bytes in the document: whole names only, escaped names by what
    /// they spell.
    @Test func membersAreMatchedByTheirWholeNameEscapedOrNot() throws {
        let document = try TimelinePageDocument(json: #"""
            {"über": 1, "events": [
              {"i\u0064": "11", "titl\u0065": "Escaped names", "date": "2024"},
              {"id": "12", "idx": "no", "titles": "no", "title": "T", "dat": "2025", "date": "2024", "d": "x"}
            ]}
            """#.utf8)
        #expect(document.events.map(\.id) == ["11", "12"])
        #expect(document.events.map(\.title) == ["Escaped names", "T"])
        #expect(document.events.map(\.date) == [try PartialDate(parsing: "2024"), try PartialDate(parsing: "2024")])
    }

    @Test func refusesAMemberNameThatIsNotUTF8() {
        let bytes = Array(#"{"events": [], ""#.utf8) + [0xC3] + Array(#"": 1}"#.utf8)
        #expect {
            _ = try TimelinePageDocument(json: bytes)
        } throws: { error in
            (error as? JSONParseError)?.message == "string is not valid UTF-8"
        }
    }

    @Test func saysWhereTheDocumentIsBroken() {
        #expect {
            _ = try TimelinePageDocument(json: "{\"events\": [\n  {\"id\": \"1\",}\n]}".utf8)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == 2 && error.column == 14 && error.message == "trailing comma before '}'"
        }
    }
}
