import Hummingbird
import TimelineStore

/// The `200` body of `POST /v1/events`: `{"results": [{"index", "id", "key", "status"}]}`, each
/// result encoded as `IngestResult` defines it (also what spool receipts hold).
struct IngestResponse: ResponseEncodable {
    let results: [IngestResult]
}
