import Logging
import Postgres
import TimelineCore
import TimelineStore

/// One evaluation pass of contract §5 and the delivery of what it won — the same for the
/// daemon's engine and for `timelined alerts evaluate`, so the command does exactly what the
/// scheduler does.
///
/// Evaluation, ledger and delivery stay apart as in Alertmanager: the store reads the inputs and
/// ledger entries of the agreements in scope (two statements, on two connections), the core
/// decides in memory (`AlertEvaluator`), the ledger records the decisions in one transaction —
/// with the outbox channels' delivery rows — and only what this round's insert won is delivered.
/// With each decision it records when the agreement is next due (`AlertSchedule`), so that the
/// daemon's hourly round (`AlertScope.due`) reads only the agreements with something to record.
public struct AlertRound: Sendable {
    private let agreements: AgreementStore
    private let ledger: NotificationLedger
    private let channels: [any NotificationChannel]
    private let logger: Logger

    /// `logger` hears of an immediate channel that failed; a round without channels has nothing to say.
    public init(
        pool: PostgresPool, channels: [any NotificationChannel] = [],
        logger: Logger = Logger(label: "timelined.alerts") { _ in SwiftLogNoOpLogHandler() }
    ) {
        agreements = AgreementStore(pool: pool)
        ledger = NotificationLedger(pool: pool)
        self.channels = channels
        self.logger = logger
    }

    /// Evaluates the agreements of `scope` on `date`, records the decisions and delivers what
    /// this round emitted to the immediate channels.
    ///
    /// - Parameters:
    ///   - defaultThresholds: the configured thresholds, for agreements without `alert_days`.
    ///   - expiredAlertDays: `alerts.expired_alert_days`: how long past its expiry an agreement first
    ///     evaluated is still news.
    /// - Returns: the notifications whose ledger rows this round inserted, by agreement id and then
    ///   in emission order. Another round that decided the same notifications gets none of them.
    @discardableResult
    public func run(
        on date: CalendarDate, _ scope: AlertScope = .all, defaultThresholds: [Int],
        expiredAlertDays: Int = AlertPolicy.defaultExpiredAlertDays
    ) async throws
        -> [DeliverableNotification]
    {
        let ids: [String]? = switch scope {
        case .all: nil
        case .agreements(let named): named
        case .due(let named): try await ledger.due(on: date, defaultThresholds: defaultThresholds, including: named)
        }
        if ids?.isEmpty == true { return [] }
        // Two connections at once: the ledger does not depend on the inputs.
        async let inputs = agreements.inputs(ids: ids)
        async let entries = ledger.entries(for: ids)
        let evaluations = AlertEvaluator.evaluate(
            try await inputs, ledger: try await entries, on: date, defaultThresholds: defaultThresholds,
            expiredAlertDays: expiredAlertDays)
        let outbox = channels.filter { $0.delivery == .outbox }.map(\.name)
        let emitted = try await ledger.record(evaluations, on: date, outboxChannels: outbox)
        for channel in channels where channel.delivery == .immediate {
            for notification in emitted {
                // An immediate channel is told once; its failure is no reason to withhold the rest.
                do {
                    try await channel.deliver(notification)
                } catch {
                    logger.error("notification not delivered", metadata: [
                        "channel": "\(channel.name)", "agreement": "\(notification.agreementID)", "error": "\(error)",
                    ])
                }
            }
        }
        return emitted
    }
}
