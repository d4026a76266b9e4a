import ServiceLifecycle
import Synchronization

/// Whether the database has been started. With an embedded cluster the daemon's other services
/// start in the same instant as the cluster, and every attempt they made to reach it before it
/// ran was logged as a warning — a dozen on every healthy start. They wait for this instead.
final class DatabaseStart: Sendable {
    private let started: Atomic<Bool>

    /// - Parameter isStarted: true for a database the daemon does not run itself.
    init(isStarted: Bool) {
        started = Atomic(isStarted)
    }

    func markStarted() {
        started.store(true, ordering: .releasing)
    }

    /// Returns true once the database has started; false when the daemon stops first.
    func wait() async -> Bool {
        while !started.load(ordering: .acquiring) {
            guard !Task.isShuttingDownGracefully, (try? await Task.sleep(for: .milliseconds(20))) != nil else { return false }
        }
        return true
    }
}
