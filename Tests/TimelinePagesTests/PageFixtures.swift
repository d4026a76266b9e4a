import TimelineCore
import TimelinePages
import TimelineStore

/// Events and agreements as the store would hand them to the pages.
enum PageFixtures {
    static let hostileTitle = "<script>alert(1)</script>"

    static func date(_ text: String) -> CalendarDate {
        // The fixtures are written by hand; a typo is the test's own mistake.
        guard let date = try? CalendarDate(parsing: text) else { preconditionFailure("not a date: \(text)") }
        return date
    }

    static func partial(_ text: String) -> PartialDate {
        guard let date = try? PartialDate(parsing: text) else { preconditionFailure("not a date: \(text)") }
        return date
    }

    /// An event document with the members the pages read.
    static func event(
        id: Int, kind: String = "visit", title: String = "Visit", date: String, endDate: String? = nil,
        agreement: String? = nil, summary: String? = nil, status: String? = nil, sources: [JSONValue] = []
    ) -> PageEvent {
        var members: [String: JSONValue] = [
            "id": .string(String(id)), "kind": .string(kind), "title": .string(title), "date": .string(date),
            "actors": .array([.string("US"), .object(["id": .string("CN"), "role": .string("host")])]),
            "sources": .array(sources),
        ]
        if let endDate { members["end_date"] = .string(endDate) }
        if let agreement { members["agreement"] = .string(agreement) }
        if let summary { members["summary"] = .string(summary) }
        if let status { members["status"] = .string(status) }
        let text = JSONValue.object(["events": .array([.object(members)])]).canonicalText
        guard let event = try? TimelinePageDocument(json: text.utf8).events.first else {
            preconditionFailure("fixture event \(id) unreadable")
        }
        return event
    }

    /// An agreement signed 2019-04-18 that expired 2024-02-27, extended in 2023, seen on `today`.
    static func agreementView(title: String = "Science and Technology Agreement", today: String = "2024-01-15") -> AgreementLifecycleView {
        let input = AgreementInput(
            id: "us-cn-sta", title: title, parties: ["US", "CN"], alertDays: nil,
            events: [
                LifecycleEvent(eventID: "1", kind: .signing, date: partial("2019-04-18"), expiresOn: date("2023-08-27")),
                LifecycleEvent(eventID: "2", kind: .extension, date: partial("2023-08-23"), expiresOn: date("2024-02-27")),
            ])
        return AgreementLifecycleView(input, on: date(today), defaultThresholds: [180, 90, 30])
    }
}
