import TimelineCore
import TimelineStore

/// One event of the calendar feed: an agreement's current expiry, as `GET /v1/agreements` shows
/// the agreement on the feed's date.
struct AgreementExpiry: Sendable, Hashable {
    let agreementID: String
    let title: String
    let parties: [String]
    let expiresOn: CalendarDate
    let status: AgreementStatus
    let daysRemaining: Int
    /// The date the status and the days remaining were evaluated on.
    let asOf: CalendarDate
    /// Largest first, each once.
    let thresholds: [Int]

    /// nil when the agreement has no current expiry: it is terminated, or no expiry is known on `view.asOf`.
    /// Expired agreements stay: their lapse is still a current expiry until someone terminates
    /// or extends them.
    init?(_ view: AgreementLifecycleView) {
        let lifecycle = view.lifecycle
        guard !lifecycle.isTerminated, let expiresOn = lifecycle.expiresOn, let daysRemaining = lifecycle.daysRemaining
        else { return nil }
        agreementID = view.id
        title = view.title
        parties = view.parties
        self.expiresOn = expiresOn
        status = lifecycle.status
        self.daysRemaining = daysRemaining
        asOf = view.asOf
        thresholds = view.alertDays
    }

    /// Stable per agreement and expiry: re-rendering keeps it, so subscribed clients update the
    /// event in place; a moved expiry is a new event, and the old one disappears with its UID.
    /// Agreement ids are `[a-z0-9._-]`, so the UID needs no escaping and stays readable.
    var uid: String {
        "\(agreementID)/\(expiresOn)@timelined"
    }

    /// The feed's order: soonest expiry first, then agreement id, so equal inputs give equal bytes.
    static func feedOrder(_ left: AgreementExpiry, _ right: AgreementExpiry) -> Bool {
        (left.expiresOn, left.agreementID) < (right.expiresOn, right.agreementID)
    }
}
