import Testing
@testable import TimelineAPI

@Suite("Calendar: the seed agreement's document")
struct CalendarGoldenTests {
    /// us-cn-sta on 2023-08-28, the day after its six-month extension to 2024-02-27, under the
    /// default thresholds. Physical lines as sent, before their CRLF.
    static let expected = #"""
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//timelined//timelined 1.0//EN
        CALSCALE:GREGORIAN
        METHOD:PUBLISH
        X-WR-CALNAME:timelined agreement expiries
        REFRESH-INTERVAL;VALUE=DURATION:PT1H
        X-PUBLISHED-TTL:PT1H
        BEGIN:VEVENT
        UID:us-cn-sta/2024-02-27@timelined
        DTSTAMP:20230828T093000Z
        DTSTART;VALUE=DATE:20240227
        DTEND;VALUE=DATE:20240228
        SUMMARY:Expires: US–China Science and Technology Cooperation Agreement
        DESCRIPTION:Agreement: us-cn-sta\nParties: US\, CN\nStatus: active\nDays re
         maining: 183\nAs of: 2023-08-28
        CATEGORIES:Agreement expiry
        TRANSP:TRANSPARENT
        BEGIN:VALARM
        UID:us-cn-sta/2024-02-27/180d@timelined
        X-WR-ALARMUID:us-cn-sta/2024-02-27/180d@timelined
        ACTION:DISPLAY
        DESCRIPTION:Expires in 180 days (2024-02-27): US–China Science and Techno
         logy Cooperation Agreement
        TRIGGER;RELATED=START:-P180D
        END:VALARM
        BEGIN:VALARM
        UID:us-cn-sta/2024-02-27/90d@timelined
        X-WR-ALARMUID:us-cn-sta/2024-02-27/90d@timelined
        ACTION:DISPLAY
        DESCRIPTION:Expires in 90 days (2024-02-27): US–China Science and Technol
         ogy Cooperation Agreement
        TRIGGER;RELATED=START:-P90D
        END:VALARM
        BEGIN:VALARM
        UID:us-cn-sta/2024-02-27/30d@timelined
        X-WR-ALARMUID:us-cn-sta/2024-02-27/30d@timelined
        ACTION:DISPLAY
        DESCRIPTION:Expires in 30 days (2024-02-27): US–China Science and Technol
         ogy Cooperation Agreement
        TRIGGER;RELATED=START:-P30D
        END:VALARM
        BEGIN:VALARM
        UID:us-cn-sta/2024-02-27/7d@timelined
        X-WR-ALARMUID:us-cn-sta/2024-02-27/7d@timelined
        ACTION:DISPLAY
        DESCRIPTION:Expires in 7 days (2024-02-27): US–China Science and Technolo
         gy Cooperation Agreement
        TRIGGER;RELATED=START:-P7D
        END:VALARM
        BEGIN:VALARM
        UID:us-cn-sta/2024-02-27/1d@timelined
        X-WR-ALARMUID:us-cn-sta/2024-02-27/1d@timelined
        ACTION:DISPLAY
        DESCRIPTION:Expires tomorrow (2024-02-27): US–China Science and Technolog
         y Cooperation Agreement
        TRIGGER;RELATED=START:-P1D
        END:VALARM
        BEGIN:VALARM
        UID:us-cn-sta/2024-02-27/0d@timelined
        X-WR-ALARMUID:us-cn-sta/2024-02-27/0d@timelined
        ACTION:DISPLAY
        DESCRIPTION:Expires today (2024-02-27): US–China Science and Technology C
         ooperation Agreement
        TRIGGER;RELATED=START:PT0S
        END:VALARM
        END:VEVENT
        END:VCALENDAR
        """#

    @Test func theSeedAgreementRendersExactly() {
        let lines = Self.expected.split(separator: "\n", omittingEmptySubsequences: false)
        let document = lines.joined(separator: "\r\n") + "\r\n"
        #expect(CalendarFixture.render([CalendarFixture.seedAgreement]) == document)
    }
}
