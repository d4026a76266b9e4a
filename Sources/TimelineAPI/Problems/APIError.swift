import Hummingbird
import TimelineCore

/// Every way a request can fail, whatever raised it. Statuses, titles and headers are decided in
/// one place (`APIError+Problem.swift`); foreign errors are translated in another
/// (`APIError+Mapping.swift`), so no handler chooses a status of its own.
public enum APIError: Error, Sendable {
    /// No route matches the path.
    case notFound(path: String)
    /// The path exists, but not for this method.
    case methodNotAllowed(allowed: [HTTPRequest.Method])
    /// A query parameter is unknown, repeated or malformed.
    case invalidParameter(name: String, reason: String)
    /// The body's Content-Type is missing or not one the endpoint reads.
    case unsupportedMediaType(String)
    /// The body is larger than `http.max_body_bytes`, declared or as it arrived.
    case contentTooLarge(limit: Int)
    /// The body holds more than `ingest.max_records` records.
    case tooManyRecords(limit: Int)
    /// The body is not what its Content-Type says (malformed JSON or NDJSON, with its position).
    case malformedBody(String)
    /// The body stream broke off before its end.
    case unreadableBody
    /// The body did not arrive in full within `http.body_timeout_seconds` of the request head.
    case requestTimeout(timeout: Duration)
    /// Well-formed records that cannot be accepted; every issue is listed.
    case invalidRecords(ValidationErrors)
    /// The request conflicts with the resource's state (contract §9: confirming an event that is
    /// not a candidate).
    case conflict(String)
    /// A mutating request without an accepted bearer token while tokens are configured.
    case unauthorized(UnauthorizedReason)
    /// A mutating request from another host while no token is configured.
    case forbidden(String)
    /// `/readyz`: the service cannot do its work yet.
    case notReady(String)
    /// The daemon is stopping and cancelled the request before it stored anything.
    case shuttingDown
    /// The database cannot be reached (down, restarting, pool closed).
    case databaseUnavailable
    /// The database is reachable but did not answer in time (statement timeout, lock wait).
    case databaseBusy
    /// An error raised by Hummingbird itself with a client-error status.
    case http(HTTPResponse.Status, detail: String?)
    /// Anything unexpected: logged in full, answered without internals.
    case internalError(requestID: String)

    public enum UnauthorizedReason: Sendable {
        case missingToken
        case invalidToken
    }
}
