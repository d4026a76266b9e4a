/// How a `POST /v1/events` body is read, chosen by its Content-Type.
enum IngestFormat: Sendable, Hashable {
    /// One record object, or an array of them, parsed once the whole body is in.
    case json
    /// One record per line, parsed line by line as the body arrives.
    case ndjson

    private static let accepted = "application/json (one record or an array of them) or application/x-ndjson (one record a line)"

    init(contentType header: String?) throws(APIError) {
        guard let header else {
            throw .unsupportedMediaType("The request has no Content-Type; send \(Self.accepted).")
        }
        guard let contentType = ContentType(header) else {
            throw .unsupportedMediaType("The Content-Type '\(header)' is not a media type; send \(Self.accepted).")
        }
        // Contract §3: bodies are UTF-8. A declared charset is tolerated when it says so.
        if let charset = contentType.parameters["charset"], !["utf-8", "utf8"].contains(charset.lowercased()) {
            throw .unsupportedMediaType("The charset '\(charset)' is not accepted; bodies are UTF-8.")
        }
        switch contentType.mediaType {
        case "application/json": self = .json
        // `application/ndjson` is the name the NDJSON specification moved to; both are in use.
        case "application/x-ndjson", "application/ndjson": self = .ndjson
        default: throw .unsupportedMediaType("The Content-Type '\(contentType.mediaType)' is not accepted; send \(Self.accepted).")
        }
    }
}
