import TimelineCore

/// A SPARQL 1.1 Query Results JSON document (W3C): the rows of `results.bindings`, each a map from
/// variable to term (an unbound variable is absent). A row that is no such map stays in its place as
/// the reason it cannot be read, so that it is reported with its number.
public struct SPARQLResults: Sendable {
    public typealias Row = [String: SPARQLTerm]

    public let rows: [Result<Row, TreatyRowProblem>]

    public init(parsing bytes: some Collection<UInt8>) throws(SPARQLResultsError) {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: bytes)
        } catch {
            throw .notJSON(error)
        }
        guard document.objectValue != nil else { throw .notResults("the document is \(document.typeDescription), not an object") }
        guard document["head"]?.objectValue != nil else { throw .notResults("\"head\" must be an object") }
        guard let results = document["results"]?.objectValue else { throw .notResults("\"results\" must be an object") }
        guard let bindings = results["bindings"]?.arrayValue else { throw .notResults("\"results.bindings\" must be an array") }
        rows = bindings.map { binding in
            Result { () throws(TreatyRowProblem) in try Self.row(binding) }
        }
    }

    private static func row(_ binding: JSONValue) throws(TreatyRowProblem) -> Row {
        guard let members = binding.objectValue else {
            throw TreatyRowProblem("", "a binding must be an object, not \(binding.typeDescription)")
        }
        var row: Row = [:]
        // In name order, so that a row with several faults always reports the same one.
        for (variable, value) in members.sorted(by: { $0.key < $1.key }) {
            row[variable] = try SPARQLTerm(value, variable: variable)
        }
        return row
    }
}
