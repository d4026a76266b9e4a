import Mustache

/// Renders the pages through the Mustache templates compiled into the binary (so an installed
/// daemon needs no template files); Mustache escapes every `{{value}}`.
///
/// Every value a template reads is a `MustacheParent`, naming its fields in `child(named:)`:
/// swift-mustache otherwise finds a `{{name}}` by reflecting the value (`Mirror`) at every lookup,
/// which took nine tenths of a page's time (a timeline page of 50 events: ~35 ms of CPU).
/// `TemplateValuesTests` checks each list against the type's stored properties. What repeats on a
/// page — the SVG chart, the event list, the kind list of the search form — is written by the
/// `MarkupWriter` and put in whole as `TrustedMarkup`.
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    public init() {
        var library = MustacheLibrary()
        let templates: [(name: String, text: [UInt8])] = [
            ("layout", PackageResources.layout_mustache), ("board", PackageResources.board_mustache),
            ("timeline", PackageResources.timeline_mustache), ("agreement", PackageResources.agreement_mustache),
            ("search-form", PackageResources.search_form_mustache),
        ]
        for template in templates {
            do {
                try library.register(String(decoding: template.text, as: UTF8.self), named: template.name)
            } catch {
                // The templates are part of the build; the page tests render every one.
                preconditionFailure("the template \(template.name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    public func render(_ page: BoardPage) -> [UInt8] { render(page, template: "board") }
    public func render(_ page: TimelinePage) -> [UInt8] { render(page, template: "timeline") }
    public func render(_ page: AgreementPage) -> [UInt8] { render(page, template: "agreement") }

    /// The page as UTF-8, its `TrustedMarkup` spliced in as bytes (`MarkupSplice`).
    private func render(_ page: Any, template: String) -> [UInt8] {
        let splice = MarkupSplice()
        let rendered = MarkupSplice.$current.withValue(splice) { library.render(page, withTemplate: template) }
        guard let rendered else { preconditionFailure("no template named \(template)") }
        return splice.bytes(of: rendered)
    }

    /// `/assets/timelined.css`.
    public static let stylesheet: [UInt8] = PackageResources.timelined_css
}
