import Hummingbird
import TimelineStore

/// The `200` body of `POST /v1/events`: `{"results": [{"index", "id", "key", "status"}]}`.
struct IngestResponse: ResponseEncodable {
    struct Result: Encodable {
        let result: IngestResult

        private enum CodingKeys: String, CodingKey {
            case index, id, key, status
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(result.index, forKey: .index)
            try container.encode(result.id, forKey: .id)
            // Always present: a record posted without a key answers `"key": null`.
            try container.encode(result.key, forKey: .key)
            try container.encode(result.status, forKey: .status)
        }
    }

    let results: [Result]

    init(results: [IngestResult]) {
        self.results = results.map(Result.init)
    }
}
