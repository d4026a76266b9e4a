import Foundation
import Logging

/// What the service manager told this process through its environment: where to send
/// notifications and how often it expects a watchdog ping.
struct SystemdEnvironment: Sendable {
    /// Nil when the daemon does not run under a manager that listens (`NOTIFY_SOCKET` unset).
    let notifier: SystemdNotifier?
    /// Half of `WATCHDOG_USEC`, as sd_watchdog_enabled(3) advises; nil when the watchdog is
    /// off or meant for another process (`WATCHDOG_PID`).
    let watchdogPingInterval: Duration?

    static let variables = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"]

    init(environment: [String: String], processID: pid_t, logger: Logger) {
        var notifier: SystemdNotifier?
        if let value = environment["NOTIFY_SOCKET"], !value.isEmpty {
            do {
                notifier = SystemdNotifier(address: try NotifySocketAddress(value))
            } catch {
                logger.warning("not notifying the service manager", metadata: ["error": "\(error)"])
            }
        }
        self.notifier = notifier
        let forUs = environment["WATCHDOG_PID"].map { pid_t($0) == processID } ?? true
        if notifier != nil, forUs, let usec = environment["WATCHDOG_USEC"].flatMap(UInt64.init), usec > 0 {
            watchdogPingInterval = .microseconds(usec / 2)
        } else {
            watchdogPingInterval = nil
        }
    }

    /// Reads this process's variables and removes them, like sd_notify's `unset_environment`:
    /// the embedded PostgreSQL is our child, and a server built with systemd support would
    /// otherwise send its own `READY=1` to our manager.
    static func takeFromProcess(logger: Logger) -> SystemdEnvironment {
        let taken = SystemdEnvironment(environment: ProcessInfo.processInfo.environment, processID: getpid(), logger: logger)
        for variable in variables { unsetenv(variable) }
        return taken
    }
}
