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
        /// `alerts.expired_alert_days`: an expiry further past at a first evaluation is history, not news.
        var expiredAlertDays: Int
        /// Agreements touched within this window are evaluated together.
        var coalescing: Duration = .milliseconds(200)
        /// Longest wait before retrying a failed pass.
        var maximumRetryDelay: Duration = .seconds(60)
    }

    private let pool: PostgresPool
    private let rounds: TriggeredRounds
    private let waitForSchema: @Sendable () async -> Bool
    /// Read at every pass and every wait: a reload may change them.
    private let settings: @Sendable () -> Settings
    /// The outbox channels whose delivery rows a pass writes; read at every pass.
    private let outboxChannels: @Sendable () -> [any NotificationChannel]
    private let logger: Logger

    init(
        pool: PostgresPool, connectionString: ConnectionString, waitForSchema: @escaping @Sendable () async -> Bool,
        settings: @escaping @Sendable () -> Settings, outboxChannels: @escaping @Sendable () -> [any NotificationChannel] = { [] },
        logger: Logger
    ) {
        self.pool = pool
        rounds = TriggeredRounds(connectionString: connectionString, logger: logger)
        self.waitForSchema = waitForSchema
        self.settings = settings
        self.outboxChannels = outboxChannels
        self.logger = logger
    }

    func run() async throws {
        guard await waitForSchema() else { return }
        let settings = settings
        await rounds.run(
            tick: .due([]),
            timing: {
                let current = settings()
                return TriggeredRounds.Timing(
                    interval: current.interval, coalescing: current.coalescing, firstRetryDelay: .seconds(2),
                    maximumRetryDelay: current.maximumRetryDelay)
            },
            failure: "alert pass failed; retrying",
            round: { [self] trigger in await evaluate(trigger) })
    }

    /// Evaluates every agreement soon, e.g. after a reload changed the thresholds.
    func evaluateAll() {
        rounds.post(.all)
    }

    /// One pass on today's date in `alerts.time_zone`; true when it completed.
    private func evaluate(_ trigger: AlertTrigger) async -> Bool {
        let settings = settings()
        guard let today = CalendarDate(Date(), in: settings.timeZone) else {
            logger.error("cannot tell today's date", metadata: ["time_zone": "\(settings.timeZone.identifier)"])
            return false
        }
        do {
            let round = AlertRound(pool: pool, channels: [ExpiryLogChannel(logger: logger)] + outboxChannels(), logger: logger)
            let delivered = try await round.run(
                on: today, trigger.scope, defaultThresholds: settings.thresholds, expiredAlertDays: settings.expiredAlertDays)
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
