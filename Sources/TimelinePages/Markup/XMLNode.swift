/// A typed XML tree (the TimelineJS export builds its HTML text as one): element names and
/// attribute names are the builder's own constants, every text and attribute value is escaped when written.
public indirect enum XMLNode: Sendable {
    case element(name: StaticString, attributes: [XMLAttribute], children: [XMLNode])
    case text(String)

    public static func element(_ name: StaticString, _ attributes: [XMLAttribute] = [], _ children: [XMLNode] = []) -> XMLNode {
        .element(name: name, attributes: attributes, children: children)
    }

    /// The markup as XML, escaped.
    public var markup: String { markup(.xml) }

    /// The markup, escaped.
    public func markup(_ syntax: MarkupWriter.Syntax) -> String {
        var writer = MarkupWriter(syntax)
        write(to: &writer)
        return writer.markup
    }

    public func write(to writer: inout MarkupWriter) {
        switch self {
        case .text(let text):
            writer.text(text)
        case .element(let name, let attributes, let children):
            writer.element(name, attributeList: attributes) { writer in
                for child in children { child.write(to: &writer) }
            }
        }
    }
}

/// One attribute of an element, in an `XMLNode` tree or written by the `MarkupWriter`.
public struct XMLAttribute: Sendable {
    public let name: StaticString
    /// Written as `value` then `suffix`: a class such as `mark kind-meeting` is a constant and a
    /// value, put side by side as they are written rather than joined into a new string first
    /// (a chart and an event list write a few of them per event).
    public let value: String
    public let suffix: String

    public init(_ name: StaticString, _ value: String, _ suffix: String = "") {
        self.name = name
        self.value = value
        self.suffix = suffix
    }

    /// A coordinate or length, written with at most one decimal: enough at SVG scale, and short.
    public init(_ name: StaticString, _ number: Double) {
        self.name = name
        // In whole tenths, so that integers print it: a chart writes thousands of these.
        let tenths = Int((number * 10).rounded())
        let whole = String(tenths / 10)
        let fraction = abs(tenths % 10)
        value = fraction == 0 ? whole : (tenths < 0 && tenths > -10 ? "-" : "") + whole + "." + String(fraction)
        suffix = ""
    }
}
