import Synchronization

/// What starts an alert pass: every agreement, or those an ingest touched.
enum AlertTrigger: Sendable, Equatable {
    case all
    case agreements(Set<String>)

    /// One pass that covers both.
    func merged(with other: AlertTrigger?) -> AlertTrigger {
        switch (self, other) {
        case (_, nil): self
        case (.all, _), (_, .all?): .all
        case (.agreements(let mine), .agreements(let theirs)?): .agreements(mine.union(theirs))
        }
    }
}

/// Where triggers wait for the engine: they merge while a pass runs, so a burst of ingests
/// costs one pass, and the engine wakes once for all of them.
final class AlertTriggerInbox: Sendable {
    private let pending = Mutex<AlertTrigger?>(nil)
    private let (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))

    func post(_ trigger: AlertTrigger) {
        pending.withLock { $0 = trigger.merged(with: $0) }
        wake.yield()
    }

    /// Everything posted since the last call, nil when nothing was.
    func take() -> AlertTrigger? {
        pending.withLock { value in
            defer { value = nil }
            return value
        }
    }

    /// Ends when `close()` is called.
    var signals: AsyncStream<Void> { wakeUps }

    func close() {
        wake.finish()
    }
}
