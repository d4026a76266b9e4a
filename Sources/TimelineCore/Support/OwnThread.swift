import Foundation

/// Runs `work`, which blocks (a file read and fsync, a pipe read to its end, a wait for a
/// process to exit), on a thread of its own.
///
/// Never on Swift's cooperative pool, nor on a `DispatchQueue.global()` queue: on Linux those
/// are the same threads, and Dispatch adds one for a thread that blocks only about once a
/// second. A dozen test daemons with a reader and a waiter parked there each stalled every task
/// of the test process for seconds.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}
