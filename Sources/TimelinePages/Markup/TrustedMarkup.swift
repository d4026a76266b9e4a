import Mustache

/// Markup this module built and escaped itself (the SVG timeline, the event list, the kind list),
/// which a template puts in as it is with `{{{ }}}`. Nothing else is ever rendered unescaped: values
/// from the database reach the templates as plain strings and Mustache escapes them.
public struct TrustedMarkup: Sendable, Hashable, MustacheCustomRenderable {
    public let markup: String

    /// What `writer` wrote.
    init(_ writer: MarkupWriter) {
        markup = writer.markup
    }

    public var renderText: String { markup }
    public var isNull: Bool { markup.isEmpty }
}

/// Inside `{{#chart}}…{{/chart}}` the markup is the innermost value: a lookup there finds no field
/// in it and goes on to the enclosing values, without reflecting it first.
extension TrustedMarkup: MustacheParent {
    public func child(named name: String) -> Any? { nil }
}
