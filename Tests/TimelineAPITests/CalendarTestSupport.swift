import Foundation
import TimelineCore
import TimelineStore
@testable import TimelineAPI

/// Agreements and helpers for the calendar feed tests, around the seed story: the 1979 US–China
/// Science and Technology Agreement, lapsed on 2023-08-27 and extended by six months that day.
enum CalendarFixture {
    static let defaultThresholds = [180, 90, 30, 7, 1, 0]
    /// 2023-08-28T09:30:00Z, the day after the extension.
    static let stamp = Date(timeIntervalSince1970: 1_693_215_000)
    static let today = day("2023-08-28")

    /// Test literals are valid dates; a typo stops the run with the parser's message.
    static func day(_ text: String) -> CalendarDate {
        do { return try CalendarDate(parsing: text) } catch { fatalError(error.description) }
    }

    static func event(_ id: String, _ kind: EventKind, _ date: String, expiresOn: String? = nil, extendsBy: String? = nil) -> LifecycleEvent {
        do {
            return LifecycleEvent(
                eventID: id, kind: kind, date: try PartialDate(parsing: date), expiresOn: expiresOn.map(day),
                extendsBy: try extendsBy.map { text in try ISODuration(parsing: text) })
        } catch {
            fatalError("\(error)")
        }
    }

    static let seedEvents = [
        event("1", .signing, "1979"),
        event("8", .expiration, "2023-08-27"),
        event("5", .extension, "2023-08-27", extendsBy: "P6M"),
    ]

    static let seedAgreement = AgreementInput(
        id: "us-cn-sta", title: "US–China Science and Technology Cooperation Agreement", parties: ["US", "CN"],
        alertDays: nil, events: seedEvents)

    /// An agreement signed on 2020-01-01 with `expiresOn` (nil: none), then the `later` events.
    static func agreement(
        _ id: String, title: String = "Agreement", parties: [String] = [], expiresOn: String?, alertDays: [Int]? = nil,
        later: [LifecycleEvent] = []
    ) -> AgreementInput {
        AgreementInput(
            id: id, title: title, parties: parties, alertDays: alertDays,
            events: [event("100", .signing, "2020-01-01", expiresOn: expiresOn)] + later)
    }

    static func render(_ agreements: [AgreementInput], on date: CalendarDate = today, stamp: Date = stamp) -> String {
        CalendarFeed.render(agreements: agreements, on: date, defaultThresholds: defaultThresholds, stamp: stamp)
    }

    /// The physical lines, each without its CRLF.
    static func physicalLines(_ document: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        for byte in document.utf8 {
            line.append(byte)
            if line.suffix(2) == [0x0D, 0x0A] {
                lines.append(Array(line.dropLast(2)))
                line = []
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// RFC 5545 §3.1 unfolding: every CRLF followed by a space is removed. On octets, since a
    /// space followed by a combining mark or a ZWJ is one `Character` and would not match.
    static func unfold(_ folded: String) -> String {
        let octets = Array(folded.utf8)
        var unfolded: [UInt8] = []
        var index = 0
        while index < octets.count {
            if octets[index...].starts(with: [0x0D, 0x0A, 0x20]) {
                index += 3
            } else {
                unfolded.append(octets[index])
                index += 1
            }
        }
        return String(decoding: unfolded, as: UTF8.self)
    }

    /// The unfolded content lines.
    static func contentLines(_ document: String) -> [String] {
        unfold(document).split(separator: "\r\n").map(String.init)
    }

    /// The values of the property `name` (parameters included, e.g. `;VALUE=DATE:20240227`) in
    /// document order.
    static func values(of name: String, in document: String) -> [String] {
        contentLines(document).compactMap { line in
            guard line.hasPrefix(name), let next = line.dropFirst(name.count).first, next == ":" || next == ";" else {
                return nil
            }
            return String(line.dropFirst(name.count))
        }
    }

    /// The UIDs of the VEVENTs, in document order (alarms' UIDs left out).
    static func eventUIDs(in document: String) -> [String] {
        var components: [String] = []
        var uids: [String] = []
        for line in contentLines(document) {
            if line.hasPrefix("BEGIN:") { components.append(String(line.dropFirst(6))) }
            if line.hasPrefix("END:") { components.removeLast() }
            if line.hasPrefix("UID:"), components.last == "VEVENT" { uids.append(String(line.dropFirst(4))) }
        }
        return uids
    }
}
