import TimelineCore

/// The VALARM of one threshold (contract §5) on an agreement's expiry event: it fires at the
/// start of the day `threshold` days before the expiry.
struct ExpiryAlarm: Sendable, Hashable {
    let expiry: AgreementExpiry
    let threshold: Int

    /// Stable like the event's UID (RFC 9074 `UID`, Apple's `X-WR-ALARMUID`), so that clients
    /// which track alarms keep an acknowledged one acknowledged across refreshes.
    var uid: String {
        "\(expiry.agreementID)/\(expiry.expiresOn)/\(threshold)d@timelined"
    }

    var descriptionText: String {
        let when =
            switch threshold {
            case 0: "today"
            case 1: "tomorrow"
            default: "in \(threshold) days"
            }
        return "Expires \(when) (\(expiry.expiresOn)): \(expiry.title)"
    }

    func write(to writer: inout ICalendarWriter) {
        writer.begin("VALARM")
        writer.text("UID", uid)
        writer.text("X-WR-ALARMUID", uid)
        writer.property("ACTION", value: "DISPLAY")
        writer.text("DESCRIPTION", descriptionText)
        writer.property(
            "TRIGGER", [ICalendarWriter.Parameter(name: "RELATED", value: "START")],
            value: ICalendarValue.daysBefore(threshold))
        writer.end("VALARM")
    }
}
