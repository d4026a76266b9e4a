/// Writes elements and text as UTF-8, escaping every text and attribute value: what `XMLNode`
/// trees are written with, and what the event list writes through directly, without a tree
/// (a node per element is an allocation or three, and a page lists up to a thousand events).
/// Element and attribute names are the caller's constants, never data.
public struct MarkupWriter {
    /// How an element without content is written: XML (and SVG, also inside HTML) closes it in its
    /// start tag; HTML has no such tag for its own elements, so `<span/>` would open a span.
    public enum Syntax: Sendable {
        case xml
        case html
    }

    public let syntax: Syntax
    private(set) var bytes: [UInt8] = []

    public init(_ syntax: Syntax, capacity: Int = 4096) {
        self.syntax = syntax
        bytes.reserveCapacity(capacity)
    }

    /// What has been written.
    public var markup: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes written so far.
    public var byteCount: Int { bytes.count }

    /// What `other` wrote, as it is: markup written apart, put in its place.
    public mutating func append(_ other: MarkupWriter) {
        precondition(other.syntax == syntax, "markup of one syntax appended to another's")
        bytes.append(contentsOf: other.bytes)
    }

    public mutating func text(_ text: String) {
        MarkupEscaping.append(text, to: &bytes)
    }

    /// `<name attributes>content</name>`.
    public mutating func element(
        _ name: StaticString, _ attributes: [XMLAttribute] = [], _ content: (inout MarkupWriter) -> Void = { _ in }
    ) {
        bytes.append(UInt8(ascii: "<"))
        append(name)
        for attribute in attributes {
            bytes.append(UInt8(ascii: " "))
            append(attribute.name)
            append(#"=""#)
            MarkupEscaping.append(attribute.value, to: &bytes)
            MarkupEscaping.append(attribute.suffix, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
        let contentStart = bytes.count
        content(&self)
        if bytes.count == contentStart, syntax == .xml {
            bytes.removeLast()
            append("/>")
            return
        }
        append("</")
        append(name)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Names and punctuation are constants: copied as they are, without going through `String`.
    private mutating func append(_ constant: StaticString) {
        constant.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// An element holding only `text`.
    public mutating func element(_ name: StaticString, _ attributes: [XMLAttribute] = [], text: String) {
        element(name, attributes) { $0.text(text) }
    }
}
