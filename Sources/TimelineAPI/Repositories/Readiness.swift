/// Whether the service can do its work: the database reachable and its schema current. What
/// clients of `/readyz` learn is only which of three; the details (host, port, libpq's words,
/// a role name) are for the log, where the probe writes them.
public enum Readiness: String, Sendable, Hashable {
    case ready
    /// Starting: the database or its schema migrations are not there yet.
    case waiting
    case databaseUnavailable = "database unavailable"
}

/// Answers `/readyz`.
public protocol ReadinessProbe: Sendable {
    func readiness() async -> Readiness
}
