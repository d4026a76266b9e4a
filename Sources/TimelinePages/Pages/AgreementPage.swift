import Mustache
import TimelineCore
import TimelineStore

/// `GET /agreements/{id}` (contract §13): the lifecycle on today, its history, the days
/// remaining, the thresholds and the notifications emitted, with the term drawn over its events.
public struct AgreementPage: Sendable {
    struct HistoryRow: Sendable {
        let eventHref: String
        let kind: String
        let kindLabel: String
        let date: String
        /// Named apart from the page's `expiresOn`: Mustache looks a missing value up in the
        /// enclosing context, and would show the page's expiry for a row without one.
        let expiryAfter: String?
    }

    struct Threshold: Sendable {
        let days: Int
        let date: String?
        let reached: Bool
    }

    struct Notification: Sendable {
        let kind: String
        let threshold: String?
        let notifiedExpiry: String?
        let emittedAt: String
    }

    let pageTitle: String
    let id: String
    let title: String
    let parties: String
    let status: String
    let today: String
    let signedOn: String?
    let inForceFrom: String?
    let expiresOn: String?
    let daysLeft: String?
    let history: [HistoryRow]
    let thresholds: [Threshold]
    let notifications: [Notification]
    let chart: TrustedMarkup?
    let timelineHref: String

    /// - Parameter notifications: the `notifications` of `GET /v1/alerts/notifications`; those of
    ///   other agreements are left out.
    public init(view: AgreementLifecycleView, events: [PageEvent], notifications: [JSONValue], today: CalendarDate) {
        let lifecycle = view.lifecycle
        pageTitle = view.title
        id = view.id
        title = view.title
        parties = view.parties.joined(separator: " · ")
        status = lifecycle.status.rawValue
        self.today = today.description
        signedOn = lifecycle.signedOn?.description
        inForceFrom = lifecycle.inForceFrom?.description
        expiresOn = lifecycle.expiresOn?.description
        daysLeft = DaysRemaining.text(lifecycle.daysRemaining)
        let timelineHref = "/timeline" + QueryString([("agreement", view.id)]).text
        self.timelineHref = timelineHref
        history = lifecycle.history.map { entry in
            HistoryRow(
                eventHref: timelineHref + PageEvent.anchorLinkPrefix + entry.eventID, kind: entry.kind.rawValue,
                kindLabel: KindLabel.text(entry.kind.rawValue), date: entry.date.description,
                expiryAfter: entry.expiresOn?.description)
        }
        thresholds = view.alertDays.map { days in
            Threshold(
                days: days, date: lifecycle.expiresOn?.adding(days: -days)?.description,
                reached: lifecycle.daysRemaining.map { $0 <= days } ?? false)
        }
        self.notifications = notifications.filter { $0["agreement"]?.stringValue == view.id }.reversed().map { document in
            Notification(
                kind: document["event"]?.stringValue ?? "",
                threshold: document["threshold"]?.numberValue.map { "\(Int($0)) days" },
                notifiedExpiry: document["expires_on"]?.stringValue, emittedAt: document["emitted_at"]?.stringValue ?? "")
        }
        chart = TimelineChart(events: events, terms: [AgreementTerm(view)], today: today).svg
    }
}

extension AgreementPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "pageTitle": pageTitle
        case "id": id
        case "title": title
        case "parties": parties
        case "status": status
        case "today": today
        case "signedOn": signedOn
        case "inForceFrom": inForceFrom
        case "expiresOn": expiresOn
        case "daysLeft": daysLeft
        case "history": history
        case "thresholds": thresholds
        case "notifications": notifications
        case "chart": chart
        case "timelineHref": timelineHref
        default: nil
        }
    }
}

extension AgreementPage.HistoryRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "eventHref": eventHref
        case "kind": kind
        case "kindLabel": kindLabel
        case "date": date
        case "expiryAfter": expiryAfter
        default: nil
        }
    }
}

extension AgreementPage.Threshold: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "days": days
        case "date": date
        case "reached": reached
        default: nil
        }
    }
}

extension AgreementPage.Notification: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kind": kind
        case "threshold": threshold
        case "notifiedExpiry": notifiedExpiry
        case "emittedAt": emittedAt
        default: nil
        }
    }
}
