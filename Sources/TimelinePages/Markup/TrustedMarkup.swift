import Mustache

/// Markup this module built and escaped itself (the SVG timeline, the event list, the kind list),
/// which a template puts in as it is with `{{{ }}}`. Nothing else is ever rendered unescaped: values
/// from the database reach the templates as plain strings and Mustache escapes them.
///
/// It stays the bytes the `MarkupWriter` wrote: while `PageRenderer` renders, a template gets a
/// `MarkupSplice` marker in its place, and the bytes go into the page where the marker is.
public struct TrustedMarkup: Sendable, Hashable, MustacheCustomRenderable {
    let bytes: [UInt8]

    /// What `writer` wrote.
    init(_ writer: borrowing MarkupWriter) {
        bytes = writer.bytes
    }

    public var markup: String { String(decoding: bytes, as: UTF8.self) }

    public var renderText: String {
        guard let splice = MarkupSplice.current else { return markup }
        return splice.marker(for: bytes)
    }

    public var isNull: Bool { bytes.isEmpty }
}

/// Inside `{{#chart}}…{{/chart}}` the markup is the innermost value: a lookup there finds no field
/// in it and goes on to the enclosing values, without reflecting it first.
extension TrustedMarkup: MustacheParent {
    public func child(named name: String) -> Any? { nil }
}
