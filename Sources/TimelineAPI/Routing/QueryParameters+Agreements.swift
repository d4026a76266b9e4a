import TimelineCore

/// The parameters of the agreement, alert and notification reads (contract §3).
extension QueryParameters {
    /// `as_of`: the day lifecycles are evaluated on; today in `alerts.time_zone` unless given.
    func evaluationDay(_ alerts: AlertSettings) throws -> CalendarDate {
        try value("as_of", expected: Expected.day, parsing: CalendarDate.init(parsing:)) ?? alerts.today()
    }

    /// `status`: comma-separated statuses, any of which an agreement may have; empty: any status.
    func statuses() throws(APIError) -> Set<AgreementStatus> {
        Set(try list("status", expected: Expected.statuses) { AgreementStatus(rawValue: String($0)) } ?? [])
    }

    /// `party`: an actor that must be among an agreement's parties.
    func party() throws(APIError) -> String? {
        try value("party", expected: Expected.actor, Self.actorID)
    }

    /// `within`: whole days after `as_of`; nil: each agreement's own largest threshold. No expiry
    /// lies further ahead than the calendar's span, so larger values would mean nothing more.
    func withinDays() throws(APIError) -> Int? {
        try value("within", expected: "a whole number of days from 0 to \(Self.withinRange.upperBound)") { text in
            Int(text).flatMap { Self.withinRange.contains($0) ? $0 : nil }
        }
    }

    static let withinRange = 0...CalendarDate.dayNumbers.upperBound

    /// `since`: only notifications emitted after this instant.
    func since() throws(APIError) -> RFC3339Timestamp? {
        try value("since", expected: Expected.instant, parsing: RFC3339Timestamp.init(parsing:))
    }
}
