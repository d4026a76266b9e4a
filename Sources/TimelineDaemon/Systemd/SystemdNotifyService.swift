import Logging
import ServiceLifecycle

/// Keeps the service manager informed (contract §8): `STATUS=` and `EXTEND_TIMEOUT_USEC=`
/// while the database is not ready, `READY=1` once migrations are applied, `WATCHDOG=1`
/// while the pool answers, and `STOPPING=1` when the group shuts down.
struct SystemdNotifyService: Service {
    let notifier: SystemdNotifier
    let watchdogPingInterval: Duration?
    /// The status line while serving.
    let status: String
    /// True once the schema is current: the daemon is ready.
    let isReady: @Sendable () -> Bool
    /// A cheap round trip through the pool; the ping is skipped when it fails or is too slow.
    let isHealthy: @Sendable () async -> Bool
    let logger: Logger

    /// How long each `EXTEND_TIMEOUT_USEC=` gives the manager to wait from now; re-sent at a
    /// third of that, so one late message does not let the start time out.
    static let startExtension = Duration.seconds(30)
    static let readinessPoll = Duration.milliseconds(100)

    func run() async {
        // The last service of the daemon's group, so the first one asked to stop: the
        // manager hears STOPPING=1 at the signal, before in-flight work drains.
        await cancelWhenGracefulShutdown { await report() }
        send(["STOPPING=1"])
    }

    private func report() async {
        do {
            try await waitUntilReady()
            send(["READY=1", "STATUS=\(status)"])
            guard let watchdogPingInterval else { return try await gracefulShutdown() }
            try await pingWatchdog(every: watchdogPingInterval)
        } catch {
            // Cancelled: a stop was requested.
        }
    }

    private func waitUntilReady() async throws {
        let clock = ContinuousClock()
        var extendedAt: ContinuousClock.Instant?
        while !isReady() {
            if extendedAt.map({ $0.duration(to: clock.now) >= Self.startExtension / 3 }) ?? true {
                send(["STATUS=waiting for database and schema migrations", "EXTEND_TIMEOUT_USEC=\(Self.startExtension.microseconds)"])
                extendedAt = clock.now
            }
            try await Task.sleep(for: Self.readinessPoll)
        }
    }

    private func pingWatchdog(every interval: Duration) async throws {
        let clock = ContinuousClock()
        var next = clock.now
        while true {
            let started = clock.now
            // A probe slower than the interval counts as unhealthy: its ping would come late.
            if await isHealthy(), started.duration(to: clock.now) < interval {
                send(["WATCHDOG=1"])
            } else {
                logger.warning("skipping watchdog ping: database pool unhealthy")
            }
            next = max(next.advanced(by: interval), clock.now)
            try await Task.sleep(until: next, clock: clock)
        }
    }

    private func send(_ assignments: [String]) {
        notifier.send(assignments, logger: logger)
    }
}

extension Duration {
    var microseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
