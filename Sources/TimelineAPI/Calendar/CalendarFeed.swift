import Foundation
import TimelineCore
import TimelineStore

/// `GET /v1/calendar.ics` (contract §3): one all-day VEVENT per current agreement expiry, a
/// VALARM per threshold. Pure: the agreements, the date and the stamp are inputs, so equal
/// inputs give byte-for-byte equal documents.
enum CalendarFeed {
    static let contentType = "text/calendar; charset=utf-8"
    static let productID = "-//timelined//timelined 1.0//EN"
    static let name = "timelined agreement expiries"
    /// How often subscribers should fetch again: the daemon re-evaluates hourly by default, and
    /// without a hint Outlook and Apple Calendar may wait a day or more.
    static let refreshInterval = "PT1H"

    /// - Parameters:
    ///   - agreements: every agreement (`AgreementStore.inputs()`); terminated ones and those without
    ///     an expiry on `date` are left out.
    ///   - date: "today" in the configured zone: status and days remaining are evaluated on it.
    ///   - defaultThresholds: the global `alerts.thresholds`, for agreements without `alert_days`.
    ///   - stamp: the instant of the request, written as every event's DTSTAMP.
    static func render(agreements: [AgreementInput], on date: CalendarDate, defaultThresholds: [Int], stamp: Date) -> String {
        let expiries = agreements
            .compactMap { AgreementExpiry(AgreementLifecycleView($0, on: date, defaultThresholds: defaultThresholds)) }
            .sorted(by: AgreementExpiry.feedOrder)
        var writer = ICalendarWriter()
        writer.begin("VCALENDAR")
        writer.property("VERSION", value: "2.0")
        writer.text("PRODID", productID)
        writer.property("CALSCALE", value: "GREGORIAN")
        writer.property("METHOD", value: "PUBLISH")
        writer.text("X-WR-CALNAME", name)
        writer.property("REFRESH-INTERVAL", [ICalendarWriter.Parameter(name: "VALUE", value: "DURATION")], value: refreshInterval)
        writer.property("X-PUBLISHED-TTL", value: refreshInterval)
        for expiry in expiries {
            expiry.write(to: &writer, stamp: stamp)
        }
        writer.end("VCALENDAR")
        return writer.document
    }
}
