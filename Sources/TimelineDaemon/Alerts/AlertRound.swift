import Logging
import Postgres
import TimelineCore
import TimelineStore

/// One evaluation and the delivery of what it won — the same for the daemon's engine and for
/// `timelined alerts evaluate`, so the command does exactly what the scheduler does.
public struct AlertRound: Sendable {
    private let pass: AlertPass
    private let notifier: ExpiryLogNotifier
    private let thresholds: [Int]

    public init(pool: PostgresPool, thresholds: [Int], logger: Logger) {
        pass = AlertPass(pool: pool)
        notifier = ExpiryLogNotifier(logger: logger)
        self.thresholds = thresholds
    }

    /// Evaluates the agreements of `scope` on `date` and logs every notification the ledger
    /// let this caller emit; returns them.
    @discardableResult
    public func run(on date: CalendarDate, _ scope: AlertScope = .all) async throws -> [DeliverableNotification] {
        let delivered = try await pass.run(on: date, scope, defaultThresholds: thresholds)
        for item in delivered {
            notifier.deliver(agreement: item.agreementID, title: item.title, item.notification)
        }
        return delivered
    }
}
