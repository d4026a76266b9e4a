import Foundation
import Testing
import TimelineCore
import TimelineStore
@testable import TimelineAPI

@Suite("Calendar: feed contents")
struct CalendarFeedTests {
    typealias F = CalendarFixture

    @Test func everyLineEndsInCRLFAndNoneIsLongerThan75Octets() {
        let long = F.agreement(
            "long", title: String(repeating: "中美科技合作协定 US–China Science, Technology; Cooperation ", count: 8),
            parties: (1...40).map { "party-\($0)" }, expiresOn: "2024-01-01")
        let document = F.render([F.seedAgreement, long])
        let bytes = Array(document.utf8)
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at \(index)") }
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "bare CR at \(index)") }
        }
        let physical = F.physicalLines(document)
        #expect(physical.allSatisfy { $0.count <= 75 })
        #expect(physical.contains { $0.count == 75 || $0.count == 74 }, "the long title was folded")
        #expect(F.values(of: "SUMMARY", in: document).first
            == ":Expires: " + String(repeating: #"中美科技合作协定 US–China Science\, Technology\; Cooperation "#, count: 8))
    }

    @Test func theCalendarHeaderIsFixed() {
        let lines = F.contentLines(F.render([]))
        #expect(lines == [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//timelined//timelined 1.0//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:timelined agreement expiries",
            "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
            "X-PUBLISHED-TTL:PT1H",
            "END:VCALENDAR",
        ])
    }

    @Test func theUIDIsStableAcrossRendersDatesAndStamps() {
        let first = F.render([F.seedAgreement])
        let later = F.render([F.seedAgreement], on: F.day("2024-02-20"), stamp: F.stamp.addingTimeInterval(86_400 * 176))
        #expect(F.eventUIDs(in: first) == ["us-cn-sta/2024-02-27@timelined"])
        #expect(F.values(of: "UID", in: later) == F.values(of: "UID", in: first))
        #expect(F.values(of: "DTSTAMP", in: later) != F.values(of: "DTSTAMP", in: first))
    }

    @Test func aMovedExpiryIsANewEventAndTheOldOneIsGone() {
        let renewed = AgreementInput(
            id: "us-cn-sta", title: F.seedAgreement.title, parties: F.seedAgreement.parties, alertDays: nil,
            events: F.seedEvents + [F.event("12", .renewal, "2024-02-01", extendsBy: "P5Y")])
        let document = F.render([renewed], on: F.day("2024-02-01"))
        #expect(F.eventUIDs(in: document) == ["us-cn-sta/2029-02-27@timelined"])
        #expect(!F.values(of: "UID", in: document).contains { $0.contains("2024-02-27") })
        #expect(F.values(of: "DTSTART", in: document) == [";VALUE=DATE:20290227"])
    }

    @Test func equalInputsGiveEqualBytesWhateverTheirOrder() {
        let agreements = [
            F.agreement("b", expiresOn: "2024-05-01"),
            F.agreement("a", expiresOn: "2024-05-01"),
            F.agreement("c", expiresOn: "2024-01-15"),
            F.seedAgreement,
        ]
        let document = F.render(agreements)
        #expect(F.render(agreements.reversed()) == document)
        #expect(F.eventUIDs(in: document) == [
            "c/2024-01-15@timelined", "us-cn-sta/2024-02-27@timelined", "a/2024-05-01@timelined", "b/2024-05-01@timelined",
        ])
    }

    @Test func terminatedAgreementsAndAgreementsWithoutExpiryAreLeftOut() {
        let terminated = F.agreement("ended", expiresOn: "2025-01-01", later: [F.event("101", .termination, "2023-06-01")])
        let noExpiry = F.agreement("open-ended", expiresOn: nil)
        let notYetSigned = F.agreement("future", expiresOn: nil, later: [F.event("102", .signing, "2030-01-01", expiresOn: "2040-01-01")])
        let document = F.render([terminated, noExpiry, notYetSigned, F.seedAgreement])
        #expect(F.eventUIDs(in: document) == ["us-cn-sta/2024-02-27@timelined"])
        #expect(F.contentLines(document).filter { $0 == "BEGIN:VEVENT" }.count == 1)
    }

    @Test func anExpiredAgreementNotTerminatedStaysWithNegativeDays() {
        let document = F.render([F.agreement("lapsed", expiresOn: "2023-08-01")])
        #expect(F.values(of: "DTSTART", in: document) == [";VALUE=DATE:20230801"])
        #expect(F.values(of: "DESCRIPTION", in: document).first == #":Agreement: lapsed\nStatus: expired\nDays remaining: -27\nAs of: 2023-08-28"#)
    }

    @Test func oneAlarmPerThresholdLargestFirst() {
        let document = F.render([F.seedAgreement])
        #expect(F.contentLines(document).filter { $0 == "BEGIN:VALARM" }.count == 6)
        #expect(F.values(of: "TRIGGER", in: document) == [
            ";RELATED=START:-P180D", ";RELATED=START:-P90D", ";RELATED=START:-P30D",
            ";RELATED=START:-P7D", ";RELATED=START:-P1D", ";RELATED=START:PT0S",
        ])
        #expect(Set(F.values(of: "X-WR-ALARMUID", in: document)).count == 6)
    }

    @Test func theAgreementsOwnThresholdsReplaceTheDefault() {
        let own = F.agreement("own", expiresOn: "2024-01-01", alertDays: [14, 60, 14, -3])
        let none = F.agreement("none", expiresOn: "2024-01-02", alertDays: [])
        let document = F.render([own, none])
        #expect(F.values(of: "TRIGGER", in: document) == [";RELATED=START:-P60D", ";RELATED=START:-P14D"])
        #expect(F.values(of: "UID", in: document) == [
            ":own/2024-01-01@timelined", ":own/2024-01-01/60d@timelined", ":own/2024-01-01/14d@timelined",
            ":none/2024-01-02@timelined",
        ])
    }

    @Test func anAllDayEventEndsTheNextDayExceptOnTheLastDayOfTheCalendar() {
        let leap = F.render([F.agreement("leap", expiresOn: "2024-02-28")])
        #expect(F.values(of: "DTEND", in: leap) == [";VALUE=DATE:20240229"])
        let newYear = F.render([F.agreement("eve", expiresOn: "2023-12-31")])
        #expect(F.values(of: "DTEND", in: newYear) == [";VALUE=DATE:20240101"])
        let last = F.render([F.agreement("forever", expiresOn: "9999-12-31")])
        #expect(F.values(of: "DTSTART", in: last) == [";VALUE=DATE:99991231"])
        #expect(F.values(of: "DTEND", in: last).isEmpty)
    }

    @Test func theStampIsUTCInWholeSeconds() {
        let document = F.render([F.seedAgreement], stamp: Date(timeIntervalSince1970: 1_693_215_000.75))
        #expect(F.values(of: "DTSTAMP", in: document) == [":20230828T093000Z"])
    }

    @Test func alarmTextsSayWhenTheAgreementExpires() {
        let document = F.render([F.seedAgreement])
        let title = "US–China Science and Technology Cooperation Agreement"
        #expect(F.values(of: "DESCRIPTION", in: document).dropFirst() == [
            ":Expires in 180 days (2024-02-27): \(title)", ":Expires in 90 days (2024-02-27): \(title)",
            ":Expires in 30 days (2024-02-27): \(title)", ":Expires in 7 days (2024-02-27): \(title)",
            ":Expires tomorrow (2024-02-27): \(title)", ":Expires today (2024-02-27): \(title)",
        ])
    }
}
