import AsyncHTTPClient
import Logging
import Postgres
import ServiceLifecycle
import TimelineAlerts
import TimelineStore

/// One `alertmanager` channel (contract §12): once the schema is current, then every
/// `resend_seconds`, and promptly after a change of an agreement — told by the same `NOTIFY` the
/// alert engine hears —, a round posts the alerts the agreements stand for and resolves those
/// that ended. What was sent is recorded only once Alertmanager took it, so a retried round
/// sends the same again.
final class AlertmanagerService: Service {
    private let settings: AlertmanagerChannelSettings
    private let round: AlertmanagerRound
    private let rounds: TriggeredRounds
    private let waitForSchema: @Sendable () async -> Bool
    /// Read at every round: a reload may change them.
    private let policy: @Sendable () -> AlertmanagerRound.Policy
    private let logger: Logger

    /// - Parameter publicURL: `http.public_url`; alerts link to agreements under it.
    init(
        settings: AlertmanagerChannelSettings, publicURL: String, pool: PostgresPool, connectionString: ConnectionString,
        waitForSchema: @escaping @Sendable () async -> Bool, policy: @escaping @Sendable () -> AlertmanagerRound.Policy,
        logger: Logger
    ) {
        var logger = logger
        logger[metadataKey: "channel"] = "\(settings.name)"
        self.settings = settings
        round = AlertmanagerRound(settings: settings, publicURL: publicURL, pool: pool, client: .shared)
        rounds = TriggeredRounds(connectionString: connectionString, logger: logger)
        self.waitForSchema = waitForSchema
        self.policy = policy
        self.logger = logger
    }

    func run() async throws {
        guard await waitForSchema() else { return }
        // Alertmanager forgets an alert 4 × resend_seconds after the last sending: retries stay well inside that.
        let resend = Duration.seconds(max(settings.resendSeconds, 1))
        let timing = TriggeredRounds.Timing(
            interval: resend, coalescing: .milliseconds(200), firstRetryDelay: .seconds(1), maximumRetryDelay: resend)
        await rounds.run(
            tick: .all, timing: { timing }, failure: "alerts not sent to Alertmanager; retrying",
            round: { [self] trigger in await send(trigger) })
    }

    /// True when the round completed.
    private func send(_ trigger: AlertTrigger) async -> Bool {
        // Every round looks at every agreement near its expiry; a change adds the agreements it names.
        let named: [String] = if case .agreements(let ids) = trigger { ids.sorted() } else { [] }
        do {
            let plan = try await round.run(policy: policy(), including: named)
            logger.debug("alerts sent to Alertmanager", metadata: [
                "firing": "\(plan.firing.count)", "resolved": "\(plan.resolved.count)",
            ])
            return true
        } catch {
            logger.warning("alerts not sent to Alertmanager", metadata: ["error": "\(error)"])
            return false
        }
    }
}
