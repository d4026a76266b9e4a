import Foundation
import Logging
import Postgres
import ServiceLifecycle
import TimelineAlerts
import TimelineCore
import TimelineStore

/// The daemon's expiry evaluation (contract §5): once the schema is current, then every
/// `alerts.interval_seconds`, and right after any ingest that touches an agreement — told by
/// PostgreSQL `NOTIFY`, so that every daemon on the database reacts, whichever took the
/// write. The ledger decides who delivers each notification; this engine delivers what its
/// passes won.
///
/// The first pass, and those after a reconnection or a reload, evaluate every agreement; a
/// `NOTIFY` evaluates the agreements it names. An interval's pass then only has to catch the
/// agreements whose day has come, which the ledger's schedule names (`AlertScope.due`).
final class AlertEngine: Service {
    struct Settings: Sendable {
        var interval: Duration
        var timeZone: TimeZone
        /// The global thresholds; agreements with `alert_days` use their own.
        var thresholds: [Int]
        /// Agreements touched within this window are evaluated together.
        var coalescing: Duration = .milliseconds(200)
        /// Longest wait before retrying a failed pass.
        var maximumRetryDelay: Duration = .seconds(60)
    }

    private let pool: PostgresPool
    private let changeFeed: AgreementChangeFeed
    private let waitForSchema: @Sendable () async -> Bool
    /// Read at every pass and every wait: a reload may change them.
    private let settings: @Sendable () -> Settings
    private let logger: Logger
    private let inbox = AlertTriggerInbox()

    init(
        pool: PostgresPool, connectionString: ConnectionString, waitForSchema: @escaping @Sendable () async -> Bool,
        settings: @escaping @Sendable () -> Settings, logger: Logger
    ) {
        self.pool = pool
        changeFeed = AgreementChangeFeed(connectionString: connectionString, logger: logger)
        self.waitForSchema = waitForSchema
        self.settings = settings
        self.logger = logger
    }

    func run() async throws {
        // The feed listens once the schema is current: before, there is nothing to evaluate,
        // and the database may not even run yet.
        guard await waitForSchema() else { return }
        let changes = changeFeed.changes()
        await withDiscardingTaskGroup { group in
            group.addTask { [self] in
                while (try? await Task.sleep(for: settings().interval)) != nil {
                    inbox.post(.due([]))
                }
            }
            group.addTask { [self] in
                for await change in changes {
                    switch change {
                    // At start and after every reconnection: every agreement, since changes made
                    // while nobody listened were not heard. Only once the feed listens, so that
                    // no change falls between the two.
                    case .resumed: inbox.post(.all)
                    case .agreement(let id): inbox.post(.agreements([id]))
                    // Not heard: the engine listens to agreements only.
                    case .committed: break
                    }
                }
            }
            await cancelWhenGracefulShutdown { await self.evaluateAsTriggered() }
            changeFeed.stop()
            inbox.close()
            group.cancelAll()
        }
    }

    /// Evaluates every agreement soon, e.g. after a reload changed the thresholds.
    func evaluateAll() {
        inbox.post(.all)
    }

    /// Runs passes one at a time; a failed pass is retried with backoff, merged with
    /// whatever arrives meanwhile.
    private func evaluateAsTriggered() async {
        var backoff = RetryBackoff(initial: .seconds(2), maximum: settings().maximumRetryDelay)
        for await _ in inbox.signals {
            // Let a burst of ingests arrive, then evaluate them together.
            guard (try? await Task.sleep(for: settings().coalescing)) != nil else { return }
            guard let trigger = inbox.take() else { continue }
            if await evaluate(trigger) {
                backoff.reset()
                continue
            }
            let delay = backoff.next()
            logger.warning("alert pass failed; retrying", metadata: ["retry_in": "\(delay)"])
            guard (try? await Task.sleep(for: delay)) != nil else { return }
            inbox.post(trigger)
        }
    }

    /// One pass on today's date in `alerts.time_zone`; true when it completed.
    private func evaluate(_ trigger: AlertTrigger) async -> Bool {
        let settings = settings()
        guard let today = CalendarDate(Date(), in: settings.timeZone) else {
            logger.error("cannot tell today's date", metadata: ["time_zone": "\(settings.timeZone.identifier)"])
            return false
        }
        do {
            let round = AlertRound(pool: pool, channels: [ExpiryLogChannel(logger: logger)], logger: logger)
            let delivered = try await round.run(on: today, trigger.scope, defaultThresholds: settings.thresholds)
            logger.debug("alert pass done", metadata: [
                "as_of": "\(today)", "agreements": "\(Self.describe(trigger))", "notifications": "\(delivered.count)",
            ])
            return true
        } catch {
            logger.warning("alert pass failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// `all`, `due`, `due+3` or `3`: which agreements a pass evaluated, for its log line.
    private static func describe(_ trigger: AlertTrigger) -> String {
        switch trigger {
        case .all: "all"
        case .due(let ids): ids.isEmpty ? "due" : "due+\(ids.count)"
        case .agreements(let ids): "\(ids.count)"
        }
    }
}
