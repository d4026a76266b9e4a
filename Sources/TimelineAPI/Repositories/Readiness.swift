/// Whether the service can do its work: the database reachable and its schema current.
public struct Readiness: Sendable, Hashable {
    public let isReady: Bool
    /// Why not, in words an operator can act on.
    public let reason: String?

    public static let ready = Readiness(isReady: true, reason: nil)

    public static func notReady(_ reason: String) -> Readiness {
        Readiness(isReady: false, reason: reason)
    }
}

/// Answers `/readyz`.
public protocol ReadinessProbe: Sendable {
    func readiness() async -> Readiness
}
