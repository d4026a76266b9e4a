import TimelineCore

/// One value of a SPARQL 1.1 Query Results JSON binding: `{"type": "uri", "value": "…"}` or
/// `{"type": "literal", "value": "…", "datatype"?: "…", "xml:lang"?: "…"}` (W3C, §3.2.2).
public struct SPARQLTerm: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case uri
        case literal
        case blankNode = "bnode"
    }

    public let kind: Kind
    public let value: String

    /// Reads one binding's term; `variable` names it in the reason when it is not a term.
    init(_ json: JSONValue, variable: String) throws(TreatyRowProblem) {
        guard let members = json.objectValue else {
            throw TreatyRowProblem(variable, "must be an object with \"type\" and \"value\", not \(json.typeDescription)")
        }
        guard let type = members["type"]?.stringValue else {
            throw TreatyRowProblem(variable, "\"type\" must be a string")
        }
        guard let value = members["value"]?.stringValue else {
            throw TreatyRowProblem(variable, "\"value\" must be a string")
        }
        // "typed-literal" is what the W3C's earlier draft (and some endpoints still) wrote.
        guard let kind = Kind(rawValue: type == "typed-literal" ? "literal" : type) else {
            throw TreatyRowProblem(variable, "unknown term type \(Quoting.quoted(type)); expected uri, literal or bnode")
        }
        self.kind = kind
        self.value = value
    }
}
