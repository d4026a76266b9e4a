import Foundation
import Logging

/// An exclusive `flock` on a file in the cluster's directory, so two processes (or two values in
/// one process) never run initdb or pg_ctl on the same cluster at once.
enum DirectoryLock {
    static let patience: Duration = .seconds(120)

    static func withLock<Value>(
        _ path: String, logger: Logger, _ body: () async throws(EmbeddedPostgresError) -> Value
    ) async throws(EmbeddedPostgresError) -> Value {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .directoryUnusable(path: path, reason: systemError()) }
        // Closing the descriptor releases the lock.
        defer { close(descriptor) }

        let deadline = ContinuousClock.now + patience
        var announced = false
        // Polling rather than a blocking flock keeps the cooperative thread pool free.
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EINTR else {
                throw .directoryUnusable(path: path, reason: systemError())
            }
            guard ContinuousClock.now < deadline, !Task.isCancelled else { throw .lockBusy(lockFile: path) }
            if !announced {
                logger.info("waiting for another process that is starting or stopping PostgreSQL", metadata: ["lock": "\(path)"])
                announced = true
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return try await body()
    }
}
