import Mustache
import TimelineCore
import TimelineStore

/// `GET /`: the expiry board (contract §13) — what needs attention soonest first — the search
/// form and the latest events.
public struct BoardPage: Sendable {
    struct Row: Sendable {
        let id: String
        let title: String
        let href: String
        let status: String
        let expiresOn: String?
        let daysLeft: String?
        let parties: String
        let needsAttention: Bool
    }

    let pageTitle = "Expiry board"
    let today: String
    let rows: [Row]
    let attentionCount: Int
    let form: SearchForm
    let recent: [EventItem]

    public init(agreements: AgreementList, recent: [PageEvent], today: CalendarDate) {
        self.today = today.description
        rows = agreements.agreements.sorted(by: Self.attentionOrder).map { view in
            Row(
                id: view.id, title: view.title, href: "/agreements/\(view.id)", status: view.lifecycle.status.rawValue,
                expiresOn: view.lifecycle.expiresOn?.description, daysLeft: DaysRemaining.text(view.lifecycle.daysRemaining),
                parties: view.parties.joined(separator: " · "),
                needsAttention: [.expiring, .expired].contains(view.lifecycle.status))
        }
        attentionCount = rows.count(where: \.needsAttention)
        form = SearchForm(query: TimelineQuery())
        self.recent = recent.map(EventItem.init)
    }

    /// Terminated last, then those without a known expiry; the others by expiry, the lapsed first.
    private static func attentionOrder(_ left: AgreementLifecycleView, _ right: AgreementLifecycleView) -> Bool {
        func key(_ view: AgreementLifecycleView) -> (Int, Int, String) {
            let lifecycle = view.lifecycle
            if lifecycle.isTerminated { return (2, 0, view.id) }
            guard let expiry = lifecycle.expiresOn else { return (1, 0, view.id) }
            return (0, expiry.dayNumber, view.id)
        }
        return key(left) < key(right)
    }
}

extension BoardPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "pageTitle": pageTitle
        case "today": today
        case "rows": rows
        case "attentionCount": attentionCount
        case "form": form
        case "recent": recent
        default: nil
        }
    }
}

extension BoardPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "href": href
        case "status": status
        case "expiresOn": expiresOn
        case "daysLeft": daysLeft
        case "parties": parties
        case "needsAttention": needsAttention
        default: nil
        }
    }
}
