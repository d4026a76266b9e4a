import Mustache
import TimelineCore

/// The search form of the board and the timeline page: the v1 timeline parameters, filled with
/// those of the current query.
struct SearchForm: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let firstActor: String
    let secondActor: String
    let agreement: String
    let kinds: [Option]
    let text: String
    let from: String
    let to: String

    init(query: TimelineQuery) {
        firstActor = query.actors.first ?? ""
        secondActor = query.actors.dropFirst().first ?? ""
        agreement = query.agreement ?? ""
        kinds = EventKind.allCases.map {
            Option(value: $0.rawValue, label: KindLabel.text($0.rawValue), selected: query.kinds == [$0])
        }
        text = query.text ?? ""
        from = query.from?.description ?? ""
        to = query.to?.description ?? ""
    }
}

extension SearchForm: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "firstActor": firstActor
        case "secondActor": secondActor
        case "agreement": agreement
        case "kinds": kinds
        case "text": text
        case "from": from
        case "to": to
        default: nil
        }
    }
}

extension SearchForm.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}
