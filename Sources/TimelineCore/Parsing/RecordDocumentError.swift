/// Why an ingest body could not be split into records; `line` is set for NDJSON and CSV.
public struct RecordDocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    public let line: Int?
    public let message: String

    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }

    /// `line 3: invalid JSON at column 12: …` for NDJSON and CSV, the bare message otherwise.
    public var description: String {
        line.map { "line \($0): \(message)" } ?? message
    }
}
