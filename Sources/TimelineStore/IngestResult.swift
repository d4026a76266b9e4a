/// What happened to one record of an ingest request (contract §3, `results`).
public struct IngestResult: Sendable, Hashable, Encodable {
    public enum Status: String, Sendable, Hashable, Encodable {
        case created, updated, unchanged
    }

    /// Position of the record in the request.
    public let index: Int
    /// The server's id of the event.
    public let id: String
    public let key: String?
    public let status: Status

    public init(index: Int, id: String, key: String?, status: Status) {
        self.index = index
        self.id = id
        self.key = key
        self.status = status
    }
}
