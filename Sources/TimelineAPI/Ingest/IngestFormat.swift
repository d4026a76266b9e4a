/// How a request body is read, chosen by its Content-Type among the formats its endpoint takes.
enum IngestFormat: Sendable, Hashable {
    /// One JSON document, parsed once the whole body is in: for `POST /v1/events` one record or an
    /// array of them, for `POST /v1/agreements` the agreement.
    case json
    /// One record per line, parsed line by line as the body arrives.
    case ndjson

    /// `POST /v1/events` takes both.
    static let records: [IngestFormat] = [.json, .ndjson]

    init(contentType header: String?, accepting formats: [IngestFormat] = records) throws(APIError) {
        let accepted = formats.map(\.mediaTypeDescription).joined(separator: " or ")
        guard let header else {
            throw .unsupportedMediaType("The request has no Content-Type; send \(accepted).")
        }
        guard let contentType = ContentType(header) else {
            throw .unsupportedMediaType("The Content-Type '\(header)' is not a media type; send \(accepted).")
        }
        // Contract §3: bodies are UTF-8. A declared charset is tolerated when it says so.
        if let charset = contentType.parameters["charset"], !["utf-8", "utf8"].contains(charset.lowercased()) {
            throw .unsupportedMediaType("The charset '\(charset)' is not accepted; bodies are UTF-8.")
        }
        let format: IngestFormat? = switch contentType.mediaType {
        case "application/json": .json
        // `application/ndjson` is the name the NDJSON specification moved to; both are in use.
        case "application/x-ndjson", "application/ndjson": .ndjson
        default: nil
        }
        guard let format, formats.contains(format) else {
            throw .unsupportedMediaType("The Content-Type '\(contentType.mediaType)' is not accepted; send \(accepted).")
        }
        self = format
    }

    private var mediaTypeDescription: String {
        switch self {
        case .json: "application/json"
        case .ndjson: "application/x-ndjson (one record a line)"
        }
    }
}
