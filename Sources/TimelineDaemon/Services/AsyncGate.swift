import ServiceLifecycle
import Synchronization

/// A condition that becomes true once and stays true — the database has started, the schema
/// is current — which services await instead of polling for it.
final class AsyncGate: Sendable {
    private let state: Mutex<State>

    init(isOpen: Bool = false) {
        state = Mutex(State(isOpen: isOpen))
    }

    var isOpen: Bool { state.withLock { $0.isOpen } }

    /// Opens the gate for good and lets every waiter through.
    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: true) }
    }

    /// Returns true once the gate is open; false when the task is cancelled or its service group
    /// shuts down gracefully first, so that a daemon stopped before it was ready stops at once.
    func wait() async -> Bool {
        (try? await cancelWhenGracefulShutdown { [self] in try await waitUntilOpen() }) != nil
    }

    private func waitUntilOpen() async throws(CancellationError) {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        let opened = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let immediate: Bool? = state.withLock { state in
                    if state.isOpen { return true }
                    if state.cancelledWaiters.remove(id) != nil { return false }
                    state.waiters[id] = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                let waiter = state.waiters.removeValue(forKey: id)
                // Cancelled before it could wait: it must not wait at all.
                if waiter == nil, !state.isOpen { state.cancelledWaiters.insert(id) }
                return waiter
            }
            waiter?.resume(returning: false)
        }
        if !opened { throw CancellationError() }
    }

    private struct State: Sendable {
        var isOpen: Bool
        var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
        var nextWaiter = 0
        /// Waiters whose task was cancelled before they were registered.
        var cancelledWaiters: Set<Int> = []
    }
}
