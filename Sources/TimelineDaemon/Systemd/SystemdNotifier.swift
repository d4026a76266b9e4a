import Foundation
import Logging

/// Speaks sd_notify(3) without libsystemd: each notification is one datagram of
/// newline-separated `KEY=VALUE` assignments sent to the manager's socket.
struct SystemdNotifier: Sendable {
    let address: NotifySocketAddress

    /// Sends `assignments` as one datagram, so the manager applies them together
    /// (e.g. `READY=1` with the `STATUS=` that goes with it).
    func notify(_ assignments: [String]) throws(SystemdNotifyError) {
        // A fresh socket per message, as sd_notify does: nothing to keep open or reconnect
        // when the manager re-executes itself.
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .socketFailed(errno: errno) }
        defer { close(descriptor) }
        let message = Array((assignments.joined(separator: "\n") + "\n").utf8)
        let sent = address.withSocketAddress { address, length in
            message.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), address, length) }
        }
        guard sent >= 0 else { throw .sendFailed(errno: errno) }
    }

    /// `notify`, for callers that carry on whatever happens: a manager that cannot be told
    /// is worth a warning, not a stop.
    func send(_ assignments: [String], logger: Logger) {
        do {
            try notify(assignments)
        } catch {
            logger.warning("could not notify the service manager", metadata: ["error": "\(error)"])
        }
    }
}
