/// Everything that can go wrong talking to PostgreSQL, with what a user needs to act on it.
///
/// Messages never contain the connection string: libpq's own messages name the host and
/// user but never the password, and the client logs only ``ConnectionString/redacted``.
public enum PostgresError: Error, Sendable, CustomStringConvertible {
    /// A connection could not be opened (server down, wrong host, authentication failed).
    case connectionFailed(message: String)
    /// An open connection broke while in use (server restarted, backend terminated).
    case connectionLost(message: String)
    /// The server rejected a statement; `sqlState` is the five-character SQLSTATE code.
    case server(ServerError)
    /// A parameter cannot travel to the server as text (PostgreSQL text has no NUL byte).
    case invalidParameter(index: Int, reason: String)
    /// A result column did not hold what the caller asked for.
    case decoding(column: String, expected: String, value: String)
    /// `COPY` failed on the client side.
    case copyFailed(message: String)
    /// The pool was shut down.
    case poolClosed

    public var description: String {
        switch self {
        case .connectionFailed(let message): "cannot connect to PostgreSQL: \(message)"
        case .connectionLost(let message): "connection to PostgreSQL lost: \(message)"
        case .server(let error): error.description
        case .invalidParameter(let index, let reason): "parameter $\(index + 1) cannot be sent: \(reason)"
        case .decoding(let column, let expected, let value): "column \(column): expected \(expected), got '\(value)'"
        case .copyFailed(let message): "COPY failed: \(message)"
        case .poolClosed: "the PostgreSQL connection pool is closed"
        }
    }

    /// True when the database could not be reached at all: callers answer "try again later"
    /// instead of reporting a fault in the request.
    public var isUnavailable: Bool {
        switch self {
        case .connectionFailed, .connectionLost, .poolClosed: return true
        case .server(let error):
            // Class 57 (operator intervention: admin shutdown, crash shutdown, cannot connect
            // now) and class 08 (connection exception) mean the server is going or gone.
            return error.sqlState.hasPrefix("57P") || error.sqlState.hasPrefix("08")
        default: return false
        }
    }

    /// The server refused to run a prepared statement whose result columns changed type
    /// since it was prepared; preparing it again fixes it.
    var isStalePreparedStatement: Bool {
        guard case .server(let error) = self else { return false }
        return error.sqlState == ServerError.featureNotSupported && error.message.contains("cached plan must not change result type")
    }
}

/// An error reported by the server, with its SQLSTATE and the server's own wording.
public struct ServerError: Error, Sendable, Hashable, CustomStringConvertible {
    public let sqlState: String
    public let severity: String
    public let message: String
    public let detail: String?
    public let hint: String?
    public let constraint: String?

    public var description: String {
        var text = "\(severity) \(sqlState): \(message)"
        if let detail { text += " (\(detail))" }
        if let hint { text += " hint: \(hint)" }
        return text
    }

    /// SQLSTATE codes the project reacts to.
    public static let uniqueViolation = "23505"
    public static let foreignKeyViolation = "23503"
    public static let queryCanceled = "57014"
    public static let lockNotAvailable = "55P03"
    public static let featureNotSupported = "0A000"
    /// A value too large for what holds it, such as an index entry over its size limit.
    public static let programLimitExceeded = "54000"
}
