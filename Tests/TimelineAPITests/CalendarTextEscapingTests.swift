import Testing
@testable import TimelineAPI

@Suite("Calendar: TEXT escaping")
struct CalendarTextEscapingTests {
    @Test func backslashSemicolonAndCommaAreEscaped() {
        #expect(ICalendarText.escaped(#"a,b;c\d"#) == #"a\,b\;c\\d"#)
        #expect(ICalendarText.escaped(#"\n is not a newline"#) == #"\\n is not a newline"#)
    }

    @Test(arguments: ["a\nb", "a\r\nb", "a\rb"])
    func everyLineBreakBecomesBackslashN(text: String) {
        #expect(ICalendarText.escaped(text) == #"a\nb"#)
    }

    @Test func consecutiveLineBreaksAreKept() {
        #expect(ICalendarText.escaped("a\r\n\r\nb\n\nc") == #"a\n\nb\n\nc"#)
    }

    @Test func controlCharactersAreDroppedButTabsAndNonASCIIStay() {
        #expect(ICalendarText.escaped("a\u{0}b\u{7}c\u{7F}d\te–中") == "abcd\te–中")
    }

    @Test func plainTextIsUnchanged() {
        #expect(ICalendarText.escaped("US–China Science and Technology Cooperation Agreement") == "US–China Science and Technology Cooperation Agreement")
    }

    @Test func listValuesEscapeTheirOwnCommas() {
        #expect(ICalendarText.list(["Trade, technology", "Science"]) == #"Trade\, technology,Science"#)
    }

    @Test func feedTextPropertiesAreEscaped() {
        let agreement = CalendarFixture.agreement(
            "odd", title: "Treaty; \"A, B\" \\ C\nsecond line", parties: ["US", "CN"], expiresOn: "2024-01-01")
        let document = CalendarFixture.render([agreement])
        #expect(CalendarFixture.values(of: "SUMMARY", in: document) == [#":Expires: Treaty\; "A\, B" \\ C\nsecond line"#])
        #expect(CalendarFixture.values(of: "DESCRIPTION", in: document).first
            == #":Agreement: odd\nParties: US\, CN\nStatus: expiring\nDays remaining: 126\nAs of: 2023-08-28"#)
    }
}
