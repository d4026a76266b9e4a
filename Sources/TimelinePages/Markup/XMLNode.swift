/// A typed XML tree (the SVG timeline is built as one): element names and attribute names are
/// the builder's own constants, every text and attribute value is escaped when written.
public indirect enum XMLNode: Sendable, Hashable {
    case element(name: String, attributes: [XMLAttribute], children: [XMLNode])
    case text(String)

    public static func element(_ name: String, _ attributes: [XMLAttribute] = [], _ children: [XMLNode] = []) -> XMLNode {
        .element(name: name, attributes: attributes, children: children)
    }

    /// The markup, escaped.
    public var markup: String {
        var output = ""
        write(to: &output)
        return output
    }

    public func write(to output: inout String) {
        switch self {
        case .text(let text):
            output += MarkupEscaping.escaped(text)
        case .element(let name, let attributes, let children):
            output += "<" + name
            for attribute in attributes {
                output += " " + attribute.name + "=\"" + MarkupEscaping.escaped(attribute.value) + "\""
            }
            guard !children.isEmpty else {
                output += "/>"
                return
            }
            output += ">"
            for child in children { child.write(to: &output) }
            output += "</" + name + ">"
        }
    }
}

/// One attribute of an `XMLNode` element.
public struct XMLAttribute: Sendable, Hashable {
    public let name: String
    public let value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// A coordinate or length, written with at most one decimal: enough at SVG scale, and short.
    public init(_ name: String, _ number: Double) {
        self.name = name
        let tenths = (number * 10).rounded() / 10
        value = tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
