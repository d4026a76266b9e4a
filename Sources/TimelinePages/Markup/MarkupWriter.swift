/// Writes elements and text as UTF-8, escaping every text and attribute value: what `XMLNode`
/// trees are written with, and what the SVG chart and the event list write through directly,
/// without a tree (a node per element is an allocation or three, and a page lists up to a
/// thousand events).
/// Element and attribute names are the caller's constants, never data.
public struct MarkupWriter: ~Copyable {
    /// How an element without content is written: XML (and SVG, also inside HTML) closes it in its
    /// start tag; HTML has no such tag for its own elements, so `<span/>` would open a span.
    public enum Syntax: Sendable {
        case xml
        case html
    }

    public let syntax: Syntax
    private var buffer: MarkupBuffer

    public init(_ syntax: Syntax, capacity: Int = 4096) {
        self.syntax = syntax
        buffer = MarkupBuffer(capacity: capacity)
    }

    /// What has been written.
    public var markup: String { buffer.withBytes { String(decoding: $0, as: UTF8.self) } }

    /// What has been written, as bytes.
    var bytes: [UInt8] { buffer.bytes }

    /// The bytes written so far.
    public var byteCount: Int { buffer.count }

    /// What `other` wrote, as it is: markup written apart, put in its place.
    public mutating func append(_ other: borrowing MarkupWriter) {
        precondition(other.syntax == syntax, "markup of one syntax appended to another's")
        other.buffer.withBytes { buffer.append($0) }
    }

    public mutating func text(_ text: String) {
        MarkupEscaping.append(text, to: &buffer)
    }

    /// `<name attributes>content</name>`. The attributes are an `InlineArray`, written as an array
    /// literal: on the stack, where an `Array` would be a heap allocation per element.
    public mutating func element<let count: Int>(
        _ name: StaticString, _ attributes: InlineArray<count, XMLAttribute>, _ content: (inout MarkupWriter) -> Void = { _ in }
    ) {
        writeStartTag(name, attributes.span)
        writeContentAndEndTag(name, content)
    }

    /// `<name>content</name>`.
    public mutating func element(_ name: StaticString, _ content: (inout MarkupWriter) -> Void = { _ in }) {
        element(name, [], content)
    }

    /// An element whose attributes are known only at run time: how many, as an `XMLNode` holds
    /// them or as an option is selected or not.
    public mutating func element(_ name: StaticString, attributeList: [XMLAttribute], _ content: (inout MarkupWriter) -> Void) {
        writeStartTag(name, attributeList.span)
        writeContentAndEndTag(name, content)
    }

    /// An element holding only `text`.
    public mutating func element<let count: Int>(_ name: StaticString, _ attributes: InlineArray<count, XMLAttribute>, text: String) {
        element(name, attributes) { $0.text(text) }
    }

    /// An element without attributes holding only `text`.
    public mutating func element(_ name: StaticString, text: String) {
        element(name, []) { $0.text(text) }
    }

    private mutating func writeStartTag(_ name: StaticString, _ attributes: Span<XMLAttribute>) {
        buffer.append(UInt8(ascii: "<"))
        buffer.append(name)
        // Each attribute's parts read where they are, not copied out first (a copy retains its strings).
        for index in attributes.indices {
            buffer.append(UInt8(ascii: " "))
            buffer.append(attributes[index].name)
            buffer.append(#"=""#)
            MarkupEscaping.append(attributes[index].value, to: &buffer)
            MarkupEscaping.append(attributes[index].suffix, to: &buffer)
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append(UInt8(ascii: ">"))
    }

    private mutating func writeContentAndEndTag(_ name: StaticString, _ content: (inout MarkupWriter) -> Void) {
        let contentStart = buffer.count
        content(&self)
        if buffer.count == contentStart, syntax == .xml {
            buffer.removeLast(1)
            buffer.append("/>")
            return
        }
        buffer.append("</")
        buffer.append(name)
        buffer.append(UInt8(ascii: ">"))
    }
}
