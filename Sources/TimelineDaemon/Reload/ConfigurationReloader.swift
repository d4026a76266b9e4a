import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Re-reads the configuration on SIGHUP (`systemctl reload`) and applies what a reload may
/// change — log level, alert thresholds, time zone and interval, API tokens, spool settings —
/// without dropping a connection. A configuration that fails validation changes nothing:
/// the daemon keeps running as it was and logs why. Under systemd the reload is framed by
/// `RELOADING=1` and `READY=1`, so `systemctl reload` returns once it is done.
struct ConfigurationReloader: Service {
    /// The file given at start (`--config`), nil for the default path; the environment is
    /// the process's, as at start.
    let path: String?
    /// Created before the daemon starts, so that a SIGHUP never meets the default action,
    /// which would end the process.
    let hangups: UnixSignalsSequence
    let settings: Reloadable<RunningSettings>
    let logLevel: Reloadable<Logger.Level>
    let notifier: SystemdNotifier?
    /// The manager expects a reload to be framed only once the start has been reported.
    let isReady: @Sendable () -> Bool
    let status: String
    /// Told after every applied reload, with the settings before and after it, e.g. to
    /// evaluate alerts with new thresholds at once.
    let applied: @Sendable (_ previous: RunningSettings, _ next: RunningSettings) -> Void
    let logger: Logger

    func run() async {
        for await _ in hangups.cancelOnGracefulShutdown() {
            await reload()
        }
    }

    func reload() async {
        let framed = notifier != nil && isReady()
        if framed {
            notifier?.send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())"], logger: logger)
        }
        do {
            let loaded = try await DaemonConfiguration.load(path: path)
            let (configuration, awaitingRestart) = settings.current.configuration.reloading(loaded)
            let previous = settings.current
            let next = try RunningSettings(configuration)
            settings.replace(with: next)
            logLevel.replace(with: configuration.log.level)
            applied(previous, next)
            logger.notice("configuration reloaded", metadata: [
                "path": "\(path ?? DaemonConfiguration.defaultPath)",
                "log_level": "\(configuration.log.level)",
                "thresholds": "\(configuration.alerts.thresholds.map(String.init).joined(separator: ","))",
                "token_hashes": "\(configuration.api.tokenHashes.count)",
                "spool_dir": "\(configuration.ingest.spoolDirectory ?? "unset")",
                "alert_channels": "\(configuration.alertChannels.map(\.name).joined(separator: ","))",
            ])
            if !awaitingRestart.isEmpty {
                logger.warning("changed settings take effect at the next restart", metadata: [
                    "keys": "\(awaitingRestart.map(\.rawValue).joined(separator: ","))",
                ])
            }
        } catch {
            logger.error("configuration reload failed; still running with the previous configuration", metadata: [
                "error": "\(error)",
            ])
        }
        if framed {
            notifier?.send(["READY=1", "STATUS=\(status)"], logger: logger)
        }
    }

    /// CLOCK_MONOTONIC in microseconds: what systemd compares `MONOTONIC_USEC=` against to
    /// tell this reload from an earlier one.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
