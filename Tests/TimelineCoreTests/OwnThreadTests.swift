import Foundation
import Testing
import TimelineCore

/// `onOwnThread` gives each blocking call a thread: many of them blocked at once do not wait for
/// one another, as they would on a pool with a thread a core.
@Suite("Blocking work on threads of its own")
struct OwnThreadTests {
    /// Each call blocks until all of them have arrived. On Dispatch's global threads (Linux adds
    /// about one a second for a blocked one) the 64th comes a minute late (62 s, measured with
    /// that in place); here all come at once. The patience is half that minute, not less: the
    /// child tasks making the calls start late themselves when other suites load the machine
    /// (over 10 s, seen in a full run).
    @Test func sixtyFourBlockedCallsAllRunAtOnce() async {
        let count = 64
        let barrier = Barrier(parties: count, patience: 30)
        let arrivals = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<count {
                group.addTask { await onOwnThread { barrier.arriveAndWait() } }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(arrivals == count)
    }

    @Test func theResultComesBack() async {
        #expect(await onOwnThread { (1...10).reduce(0, +) } == 55)
    }
}

/// Blocks each caller until `parties` callers have arrived, or `patience` seconds have passed.
private final class Barrier: @unchecked Sendable {
    private let condition = NSCondition()
    private let parties: Int
    private let deadline: Date
    private var arrived = 0

    init(parties: Int, patience: TimeInterval) {
        self.parties = parties
        deadline = Date().addingTimeInterval(patience)
    }

    /// True when every party arrived in time.
    func arriveAndWait() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        condition.broadcast()
        while arrived < parties {
            guard condition.wait(until: deadline) else { return false }
        }
        return true
    }
}
