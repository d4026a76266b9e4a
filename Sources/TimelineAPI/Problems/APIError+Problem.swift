import Hummingbird
import TimelineCore

/// The one place where an error becomes a status, a problem document and its headers.
extension APIError: HTTPResponseError {
    /// Seconds a client waits before retrying when the database is away (`Retry-After`).
    static let retryAfterSeconds = 5

    public var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .invalidParameter, .malformedBody, .unreadableBody: .badRequest
        case .unsupportedMediaType: .unsupportedMediaType
        case .contentTooLarge, .tooManyRecords: .contentTooLarge
        case .requestTimeout: .requestTimeout
        case .invalidRecords: .unprocessableContent
        case .conflict: .conflict
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notReady, .databaseUnavailable, .databaseBusy, .shuttingDown: .serviceUnavailable
        case .http(let status, _): status
        case .internalError: .internalServerError
        }
    }

    var problem: ProblemDetails {
        let status = self.status
        return ProblemDetails(
            type: "urn:timelined:problem:\(slug)",
            title: title ?? status.reasonPhrase,
            status: status.code,
            detail: detail,
            errors: errors,
            errorsOmitted: errorsOmitted
        )
    }

    var headers: HTTPFields {
        switch self {
        case .methodNotAllowed(let allowed):
            [.allow: allowed.map(\.rawValue).joined(separator: ", ")]
        case .unauthorized(.missingToken):
            [.wwwAuthenticate: #"Bearer realm="timelined""#]
        case .unauthorized(.invalidToken):
            [.wwwAuthenticate: #"Bearer realm="timelined", error="invalid_token""#]
        case .notReady, .databaseUnavailable, .databaseBusy, .shuttingDown:
            [.retryAfter: String(Self.retryAfterSeconds)]
        case .requestTimeout:
            // The rest of the body is not waited for: the connection closes after this answer.
            [.connection: "close"]
        default:
            [:]
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try context.responseEncoder.encode(problem, from: request, context: context)
        response.status = status
        response.headers[.contentType] = ProblemDetails.mediaType
        response.headers.append(contentsOf: headers)
        // A HEAD answer carries the headers of the problem but never its body.
        return request.method == .head ? response.createHeadResponse() : response
    }

    private var slug: String {
        switch self {
        case .notFound: "not-found"
        case .methodNotAllowed: "method-not-allowed"
        case .invalidParameter: "invalid-parameter"
        case .unsupportedMediaType: "unsupported-media-type"
        case .contentTooLarge: "body-too-large"
        case .tooManyRecords: "too-many-records"
        case .malformedBody: "malformed-body"
        case .unreadableBody: "unreadable-body"
        case .requestTimeout: "request-timeout"
        case .invalidRecords: "invalid-records"
        case .conflict: "conflict"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .notReady: "not-ready"
        case .databaseUnavailable: "database-unavailable"
        case .databaseBusy: "database-busy"
        case .shuttingDown: "shutting-down"
        case .http(let status, _): "http-\(status.code)"
        case .internalError: "internal-error"
        }
    }

    /// nil: the status's reason phrase says it.
    private var title: String? {
        switch self {
        case .invalidParameter: "Invalid query parameter"
        case .malformedBody: "Malformed request body"
        case .unreadableBody: "Unreadable request body"
        case .requestTimeout: "Request body too slow"
        case .invalidRecords: "Invalid records"
        case .tooManyRecords: "Too many records"
        case .notReady: "Not ready"
        case .databaseUnavailable: "Database unavailable"
        case .databaseBusy: "Database busy"
        case .shuttingDown: "Shutting down"
        default: nil
        }
    }

    private var detail: String {
        switch self {
        case .notFound(let path):
            "There is no resource at \(path)."
        case .methodNotAllowed(let allowed):
            "This resource accepts \(allowed.map(\.rawValue).joined(separator: ", ")) only."
        case .invalidParameter(let name, let reason):
            "Query parameter '\(name)' \(reason)."
        case .unsupportedMediaType(let reason):
            reason
        case .contentTooLarge(let limit):
            "The request body is larger than the limit of \(limit) bytes (http.max_body_bytes)."
        case .tooManyRecords(let limit):
            "The request holds more than \(limit) records (ingest.max_records); split it into smaller requests. Nothing was stored."
        case .malformedBody(let reason):
            reason
        case .unreadableBody:
            "The request body ended before it was complete."
        case .requestTimeout(let timeout):
            "The request body did not arrive within \(timeout.components.seconds) seconds of its headers "
                + "(http.body_timeout_seconds); nothing was stored."
        case .invalidRecords(let errors) where errors.omittedCount > 0:
            "\(errors.totalCount) issues found, the first \(errors.issues.count) listed; nothing was stored."
        case .invalidRecords(let errors):
            "\(errors.issues.count) issue(s) found; nothing was stored."
        case .unauthorized(.missingToken):
            "This request needs an 'Authorization: Bearer TOKEN' header."
        case .unauthorized(.invalidToken):
            "The bearer token is not accepted."
        case .forbidden(let reason):
            reason
        case .conflict(let reason):
            reason
        case .notReady(let reason):
            reason
        case .databaseUnavailable:
            "The database cannot be reached; nothing was changed. Try again later."
        case .databaseBusy:
            "The database did not answer in time; nothing was changed. Try again later."
        case .shuttingDown:
            "The service is stopping; nothing of the request was stored. Try again."
        case .http(let status, let detail):
            detail ?? status.reasonPhrase
        case .internalError(let requestID):
            "An unexpected error occurred; it was logged under request id \(requestID)."
        }
    }

    private var errorsOmitted: Int? {
        if case .invalidRecords(let errors) = self, errors.omittedCount > 0 { errors.omittedCount } else { nil }
    }

    private var errors: [ValidationIssue]? {
        switch self {
        case .invalidRecords(let errors): errors.issues
        case .invalidParameter(let name, let reason): [ValidationIssue(index: nil, field: name, message: reason)]
        default: nil
        }
    }
}
