import AsyncHTTPClient
import Logging
import Postgres
import ServiceLifecycle
import TimelineAlerts
import TimelineStore

/// One `alertmanager` channel (contract §12): once the schema is current, then every
/// `resend_seconds`, and promptly after a change of an agreement — told by the same `NOTIFY` the
/// alert engine hears —, a round posts the alerts the agreements stand for and resolves those
/// that ended. A failed round is retried with backoff; what was sent is recorded only once
/// Alertmanager took it, so a retry sends the same again.
final class AlertmanagerService: Service {
    private let settings: AlertmanagerChannelSettings
    private let round: AlertmanagerRound
    private let changeFeed: AgreementChangeFeed
    private let waitForSchema: @Sendable () async -> Bool
    /// Read at every round: a reload may change them.
    private let policy: @Sendable () -> AlertmanagerRound.Policy
    private let logger: Logger
    private let inbox = AlertTriggerInbox()
    /// Changes within this window go out in one round.
    private let coalescing: Duration = .milliseconds(200)

    /// - Parameter publicURL: `http.public_url`; alerts link to agreements under it.
    init(
        settings: AlertmanagerChannelSettings, publicURL: String, pool: PostgresPool, connectionString: ConnectionString,
        waitForSchema: @escaping @Sendable () async -> Bool, policy: @escaping @Sendable () -> AlertmanagerRound.Policy,
        logger: Logger
    ) {
        self.settings = settings
        round = AlertmanagerRound(settings: settings, publicURL: publicURL, pool: pool, client: .shared)
        changeFeed = AgreementChangeFeed(connectionString: connectionString, logger: logger)
        self.waitForSchema = waitForSchema
        self.policy = policy
        var logger = logger
        logger[metadataKey: "channel"] = "\(settings.name)"
        self.logger = logger
    }

    func run() async throws {
        guard await waitForSchema() else { return }
        let changes = changeFeed.changes()
        await withDiscardingTaskGroup { group in
            group.addTask { [self] in
                while (try? await Task.sleep(for: .seconds(settings.resendSeconds))) != nil {
                    inbox.post(.all)
                }
            }
            group.addTask { [self] in
                for await change in changes {
                    switch change {
                    case .resumed: inbox.post(.all)
                    case .agreement(let id): inbox.post(.agreements([id]))
                    }
                }
            }
            await cancelWhenGracefulShutdown { await self.sendAsTriggered() }
            changeFeed.stop()
            inbox.close()
            group.cancelAll()
        }
    }

    /// One round at a time; a failed one is retried with backoff, merged with what arrives meanwhile.
    private func sendAsTriggered() async {
        var backoff = RetryBackoff(initial: .seconds(1), maximum: .seconds(max(settings.resendSeconds, 1)))
        for await _ in inbox.signals {
            guard (try? await Task.sleep(for: coalescing)) != nil else { return }
            guard let trigger = inbox.take() else { continue }
            if await send(trigger) {
                backoff.reset()
                continue
            }
            let delay = backoff.next()
            guard (try? await Task.sleep(for: delay)) != nil else { return }
            inbox.post(trigger)
        }
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
            logger.warning("alerts not sent to Alertmanager; retrying", metadata: ["error": "\(error)"])
            return false
        }
    }
}
