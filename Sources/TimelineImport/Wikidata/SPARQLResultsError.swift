import TimelineCore

/// A document that is no SPARQL 1.1 Query Results JSON at all: nothing of it can be imported.
public enum SPARQLResultsError: Error, Sendable, Hashable, CustomStringConvertible {
    case notJSON(JSONParseError)
    /// `head`, `results` or `results.bindings` is missing or of the wrong type.
    case notResults(String)

    public var description: String {
        switch self {
        case .notJSON(let error): "not JSON: \(error)"
        case .notResults(let reason): "not a SPARQL results document: \(reason)"
        }
    }
}
