import Mustache
import TimelineCore

/// The search form of the board and the timeline page: the v1 timeline parameters, filled with
/// those of the current query.
struct SearchForm: Sendable {
    let firstActor: String
    let secondActor: String
    let agreement: String
    /// The `<option>`s of the kind list, one per kind, written once rather than looked up by the
    /// template field by field on every page.
    let kindOptions: TrustedMarkup
    let text: String
    let from: String
    let to: String

    init(query: TimelineQuery) {
        firstActor = query.actors.first ?? ""
        secondActor = query.actors.dropFirst().first ?? ""
        agreement = query.agreement ?? ""
        kindOptions = query.kinds.count == 1 ? Self.kindOptions(selecting: query.kinds.first) : Self.anyKindOptions
        text = query.text ?? ""
        from = query.from?.description ?? ""
        to = query.to?.description ?? ""
    }

    /// The list most pages show: no kind chosen.
    private static let anyKindOptions = kindOptions(selecting: nil)

    /// "any", then every kind; `kind` selected.
    private static func kindOptions(selecting kind: EventKind?) -> TrustedMarkup {
        var writer = MarkupWriter(.html, capacity: 1024)
        writer.element("option", [XMLAttribute("value", "")], text: "any")
        for option in EventKind.allCases {
            let value = XMLAttribute("value", option.rawValue)
            writer.element("option", attributeList: option == kind ? [value, XMLAttribute("selected", "selected")] : [value]) {
                $0.text(KindLabel.text(option.rawValue))
            }
        }
        return TrustedMarkup(writer)
    }
}

extension SearchForm: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "firstActor": firstActor
        case "secondActor": secondActor
        case "agreement": agreement
        case "kindOptions": kindOptions
        case "text": text
        case "from": from
        case "to": to
        default: nil
        }
    }
}
