/// One problem with one record: the `errors` items of a 422 problem response (contract §3).
public struct ValidationIssue: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Position of the record in the request; nil for a single record validated on its own.
    public var index: Int?
    /// Path of the offending value in the record: `title`, `actors[2].id`, `agreement.parties[1]`;
    /// empty for the record as a whole.
    public var field: String
    public var message: String

    public init(index: Int?, field: String, message: String) {
        self.index = index
        self.field = field
        self.message = message
    }

    /// `#2 title: is required` — one line for the CLI and logs.
    public var description: String {
        let prefix = index.map { "#\($0) " } ?? ""
        return prefix + (field.isEmpty ? message : "\(field): \(message)")
    }
}
