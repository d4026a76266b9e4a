import Foundation

extension AgreementExpiry {
    static let category = "Agreement expiry"

    var summary: String {
        "Expires: \(title)"
    }

    /// What a desk officer needs without opening timelined. The status and the days remaining
    /// say which date they were evaluated on, since clients show a copy fetched hours earlier.
    var descriptionText: String {
        var lines = ["Agreement: \(agreementID)"]
        if !parties.isEmpty { lines.append("Parties: \(parties.joined(separator: ", "))") }
        lines.append("Status: \(status.rawValue)")
        lines.append("Days remaining: \(daysRemaining)")
        lines.append("As of: \(asOf)")
        return lines.joined(separator: "\n")
    }

    /// The all-day VEVENT with one VALARM per threshold, largest first: Outlook reads a single
    /// VALARM per appointment ([MS-OXCICAL]), and the earliest warning is the one worth keeping.
    /// Properties come before the alarms, as RFC 5545 orders them and the new Outlook requires.
    func write(to writer: inout ICalendarWriter, stamp: Date) {
        writer.begin("VEVENT")
        writer.text("UID", uid)
        writer.property("DTSTAMP", value: ICalendarValue.utcDateTime(stamp))
        writer.date("DTSTART", expiresOn)
        // DTEND is exclusive. 9999-12-31 has no next day to write; without DTEND a DATE event
        // lasts that one day anyway (RFC 5545 §3.6.1).
        if let dayAfter = expiresOn.adding(days: 1) {
            writer.date("DTEND", dayAfter)
        }
        writer.text("SUMMARY", summary)
        writer.text("DESCRIPTION", descriptionText)
        writer.property("CATEGORIES", value: ICalendarText.list([Self.category]))
        // An expiry is a deadline, not a meeting: it must not show the officer as busy.
        writer.property("TRANSP", value: "TRANSPARENT")
        for threshold in thresholds {
            ExpiryAlarm(expiry: self, threshold: threshold).write(to: &writer)
        }
        writer.end("VEVENT")
    }
}
