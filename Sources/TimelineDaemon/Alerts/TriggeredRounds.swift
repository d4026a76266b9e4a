import Logging
import Postgres
import ServiceLifecycle
import TimelineStore

/// How the alert engine and the Alertmanager channels run their rounds: one at a time, when
/// something may have changed — a timer tick, or a change of an agreement heard through the
/// `AgreementChangeFeed` (every agreement once the feed (re)connects, since changes made while
/// nobody listened were not heard). Triggers that arrive during a round merge into the next one;
/// a failed round is retried with backoff, merged with whatever arrives meanwhile.
final class TriggeredRounds: Sendable {
    struct Timing: Sendable {
        /// Between two ticks.
        var interval: Duration
        /// Changes within this window go into one round.
        var coalescing: Duration
        /// The first and the longest wait before retrying a failed round.
        var firstRetryDelay: Duration
        var maximumRetryDelay: Duration
    }

    private let changeFeed: AgreementChangeFeed
    private let inbox = AlertTriggerInbox()
    private let logger: Logger

    init(connectionString: ConnectionString, logger: Logger) {
        changeFeed = AgreementChangeFeed(connectionString: connectionString, logger: logger)
        self.logger = logger
    }

    /// Asks for a round covering `trigger` soon.
    func post(_ trigger: AlertTrigger) {
        inbox.post(trigger)
    }

    /// Runs rounds until graceful shutdown. Call once the schema is current: before, there is
    /// nothing to evaluate, and the database may not even run yet.
    ///
    /// - Parameters:
    ///   - tick: what a timer tick asks for.
    ///   - timing: read at every tick and every round, so that a reload applies.
    ///   - failure: logged, with the delay, before a failed round is retried.
    ///   - round: true when the round completed.
    func run(
        tick: AlertTrigger, timing: @escaping @Sendable () -> Timing, failure: Logger.Message,
        round: @escaping @Sendable (AlertTrigger) async -> Bool
    ) async {
        let changes = changeFeed.changes()
        await withDiscardingTaskGroup { group in
            group.addTask { [self] in
                while (try? await Task.sleep(for: timing().interval)) != nil {
                    inbox.post(tick)
                }
            }
            group.addTask { [self] in
                for await change in changes {
                    switch change {
                    // Only once the feed listens, so that no change falls between the two.
                    case .resumed: inbox.post(.all)
                    case .agreement(let id): inbox.post(.agreements([id]))
                    // Not heard: the feed is asked for agreements only.
                    case .committed: break
                    }
                }
            }
            await cancelWhenGracefulShutdown { await self.runAsTriggered(timing: timing, failure: failure, round: round) }
            changeFeed.stop()
            inbox.close()
            group.cancelAll()
        }
    }

    private func runAsTriggered(
        timing: @Sendable () -> Timing, failure: Logger.Message, round: @Sendable (AlertTrigger) async -> Bool
    ) async {
        let initial = timing()
        var backoff = RetryBackoff(initial: initial.firstRetryDelay, maximum: initial.maximumRetryDelay)
        for await _ in inbox.signals {
            // Let a burst of ingests arrive, then take them together.
            guard (try? await Task.sleep(for: timing().coalescing)) != nil else { return }
            guard let trigger = inbox.take() else { continue }
            if await round(trigger) {
                backoff.reset()
                continue
            }
            let delay = backoff.next()
            logger.warning(failure, metadata: ["retry_in": "\(delay)"])
            guard (try? await Task.sleep(for: delay)) != nil else { return }
            inbox.post(trigger)
        }
    }
}
