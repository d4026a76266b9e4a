import Synchronization
import TimelineAlerts

/// What starts an alert pass.
enum AlertTrigger: Sendable, Equatable {
    /// Every agreement: at start, when the `LISTEN` connection (re)connects and after a reload,
    /// when changes may have gone unheard or the thresholds changed.
    case all
    /// A timer tick: the agreements due by the ledger's schedule, and those named. Changes reach
    /// the engine as `agreements`, so only the passing of time is left for the tick to look at.
    case due(Set<String>)
    /// Exactly those an ingest, an agreement update or a retraction touched.
    case agreements(Set<String>)

    /// One pass that covers both.
    func merged(with other: AlertTrigger?) -> AlertTrigger {
        switch (self, other) {
        case (_, nil): self
        case (.all, _), (_, .all?): .all
        case (.agreements(let mine), .agreements(let theirs)?): .agreements(mine.union(theirs))
        case (.due(let mine), .due(let theirs)?), (.due(let mine), .agreements(let theirs)?), (.agreements(let mine), .due(let theirs)?):
            .due(mine.union(theirs))
        }
    }

    /// What the pass evaluates, the ids sorted so that the pass reads them in one order.
    var scope: AlertScope {
        switch self {
        case .all: .all
        case .due(let ids): .due(including: ids.sorted())
        case .agreements(let ids): .agreements(ids.sorted())
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
