/// What happened to one record of an ingest request (contract §3, `results`).
public struct IngestResult: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
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

    private enum CodingKeys: String, CodingKey {
        case index, id, key, status
    }

    /// As `POST /v1/events` answers it: a record without a key has `"key": null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(id, forKey: .id)
        try container.encode(key, forKey: .key)
        try container.encode(status, forKey: .status)
    }
}
