import Mustache
import Testing
import TimelineCore
import TimelineStore
@testable import TimelinePages

/// The pages' values name their fields for the templates (`MustacheParent`) instead of being
/// reflected at every lookup. A field left out of a `child(named:)` list would render as empty
/// (or as an enclosing value of the same name): each list must give what reflection gives.
@Suite("Template values")
struct TemplateValuesTests {
    private let today = PageFixtures.date("2024-01-15")

    @Test("Every value of the three pages names each stored field as reflection sees it")
    func everyFieldIsNamed() throws {
        var query = TimelineQuery()
        query.actors = ["US", "CN"]
        let event = PageFixtures.event(
            id: 3, date: "2023-08-27", endDate: "2023-08-30", agreement: "us-cn-sta", summary: "Talks",
            sources: [.object(["url": .string("https://example.org/a"), "title": .string("Wire"), "published": .string("2023-08-28")])])
        let notifications = try JSONValue(parsing: """
            [{"event": "expiry_approaching", "agreement": "us-cn-sta", "threshold": 90, "expires_on": "2024-02-27", "emitted_at": "2023-11-29T00:00:01.000000Z"}]
            """).arrayValue ?? []
        let pages: [Any] = [
            BoardPage(agreements: AgreementList(agreements: [PageFixtures.agreementView()]), recent: [event], today: today),
            TimelinePage(
                query: query, parameters: QueryString([("actor", "US"), ("actor", "CN")]),
                document: TimelinePageDocument(events: [event], nextCursor: "abc"), terms: [], today: today),
            AgreementPage(view: PageFixtures.agreementView(), events: [event], notifications: notifications, today: today),
        ]
        var checked: Set<String> = []
        for page in pages { check(page, at: "\(type(of: page))", recording: &checked) }
        #expect(checked == [
            "BoardPage", "Row", "SearchForm", "EventItem", "TimelinePage", "AgreementPage", "HistoryRow",
            "Threshold", "Notification",
        ])
    }

    /// Walks `value` as a template reads it: structs through `child(named:)`, arrays element by element.
    private func check(_ value: Any, at path: String, recording checked: inout Set<String>) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct where value is TrustedMarkup:
            return  // rendered whole through `MustacheCustomRenderable`; no field is read
        case .struct:
            guard let parent = value as? any MustacheParent else {
                Issue.record("\(path): \(type(of: value)) would be read by reflection")
                return
            }
            checked.insert("\(type(of: value))")
            for case (let label?, let field) in mirror.children {
                let reflected = Self.unwrapped(field)
                #expect(
                    parent.child(named: label).map { String(describing: $0) } == reflected.map { String(describing: $0) },
                    "\(path).\(label)")
                if let reflected { check(reflected, at: "\(path).\(label)", recording: &checked) }
            }
            #expect(parent.child(named: "noSuchField") == nil, "\(path)")
        case .collection:
            for (index, element) in mirror.children.enumerated() {
                check(element.value, at: "\(path)[\(index)]", recording: &checked)
            }
        default:
            return  // strings, numbers and flags are what templates print or test
        }
    }

    /// What swift-mustache makes of a reflected optional: its value, or nothing.
    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
