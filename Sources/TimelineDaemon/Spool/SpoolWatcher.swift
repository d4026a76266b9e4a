import Logging
import Postgres
import ServiceLifecycle
import TimelineImport
import TimelineStore

/// The daemon's spool ingest (`ingest.spool_dir`, docs/spool.md): once the schema is current,
/// looks at the directory every second and imports the files it finds, one at a time in name
/// order, each atomically and exactly once.
///
/// A graceful shutdown lets the file in progress finish — its transaction commits or rolls
/// back, and it is filed or left in the spool — and starts no other. A failure that is no fault
/// of the file (the database away, a directory not writable) leaves it in the spool, and the
/// scans that retry it back off up to a minute apart.
struct SpoolWatcher: Service {
    private let directory: @Sendable () -> String?
    private let maxFileBytes: Int
    private let maxGdeltFileBytes: Int
    private let waitForSchema: @Sendable () async -> Bool
    private let importer: SpoolFileImporter
    private let logger: Logger
    private let interval: Duration
    private let retryBackoff: RetryBackoff

    /// `directory` is read at every scan, so a reloaded configuration takes effect at the next
    /// one; nil turns the spool off. Larger record files than `maxFileBytes`
    /// (`http.max_body_bytes`) and larger GDELT files than `maxGdeltFileBytes`
    /// (`import.max_file_bytes`) are refused unread; `gdeltSettings` (`import.gdelt`) is read
    /// for every GDELT file. `waitForSchema` returns once the schema is current, false when the
    /// daemon stops first.
    init(
        directory: @escaping @Sendable () -> String?, maxFileBytes: Int, maxGdeltFileBytes: Int,
        gdeltSettings: @escaping @Sendable () -> GdeltImportSettings, pool: PostgresPool,
        waitForSchema: @escaping @Sendable () async -> Bool, logger: Logger,
        interval: Duration = .seconds(1), maximumRetryDelay: Duration = .seconds(60)
    ) {
        self.directory = directory
        self.maxFileBytes = maxFileBytes
        self.maxGdeltFileBytes = maxGdeltFileBytes
        self.waitForSchema = waitForSchema
        importer = SpoolFileImporter(ledger: SpoolImportLedger(pool: pool), gdeltSettings: gdeltSettings)
        self.logger = logger
        self.interval = interval
        // Each failure doubles the wait, starting from the interval between healthy scans.
        retryBackoff = RetryBackoff(initial: interval * 2, maximum: maximumRetryDelay)
    }

    func run() async throws {
        guard await waitForSchema() else { return }
        var backoff = retryBackoff
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let delay: Duration
            if await scan() {
                backoff.reset()
                delay = interval
            } else {
                delay = backoff.next()
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
        }
    }

    /// One pass over the spool; false when something failed that a later pass retries.
    private func scan() async -> Bool {
        guard let path = directory() else { return true }
        let spool: SpoolDirectory
        let pending: [SpoolDirectory.Pending]
        do throws(SpoolFileSystemError) {
            (spool, pending) = try await SpoolDirectory.blocking { [maxFileBytes, maxGdeltFileBytes] () throws(SpoolFileSystemError) in
                let spool = try SpoolDirectory(path: path, maxFileBytes: maxFileBytes, maxGdeltFileBytes: maxGdeltFileBytes)
                return (spool, try spool.pendingFiles())
            }
        } catch where error.isUnsafeDirectory {
            // Someone has to fix it; until then every file waits in the spool.
            logger.error("the spool's processed/ or failed/ is unsafe to file into; nothing is moved", metadata: [
                "spool_dir": "\(path)", "directory": "\(error.path)", "error": "\(error)",
            ])
            return false
        } catch {
            logger.warning("cannot scan the spool directory", metadata: ["spool_dir": "\(path)", "error": "\(error)"])
            return false
        }
        for file in pending {
            // Checked between files only: the one in progress is always finished.
            guard !Task.isShuttingDownGracefully, !Task.isCancelled else { return true }
            let outcome = await importer.process(file, in: spool)
            log(outcome, of: file.name, in: spool)
            // Later files may build on this one (an agreement it defines): keep the order.
            if case .deferred = outcome { return false }
        }
        return true
    }

    private func log(_ outcome: SpoolFileOutcome, of name: String, in spool: SpoolDirectory) {
        switch outcome {
        case .imported(let receipt, let storedAs), .alreadyImported(let receipt, let storedAs):
            let isNew = if case .imported = outcome { true } else { false }
            logger.info("spool file imported", metadata: [
                "file": "\(name)", "outcome": isNew ? "imported" : "already_imported",
                "records": "\(receipt.results.count)", "created": "\(receipt.counts.created)",
                "updated": "\(receipt.counts.updated)", "unchanged": "\(receipt.counts.unchanged)",
                "moved_to": "\(spool.subdirectory(.processed))/\(storedAs)",
            ])
        case .failed(let report, let storedAs):
            logger.warning("spool file refused", metadata: [
                "file": "\(name)", "outcome": "failed", "reason": "\(report.reason.rawValue)",
                "errors": "\(report.errors.count)", "error": "\(report.message)",
                "moved_to": "\(spool.subdirectory(.failed))/\(storedAs)",
            ])
        case .deferred(let error):
            logger.warning("spool file left for a later scan", metadata: [
                "file": "\(name)", "outcome": "deferred", "error": "\(error)",
            ])
        case .skipped(let error):
            logger.warning("spool file skipped: no longer a plain file", metadata: [
                "file": "\(name)", "outcome": "skipped", "error": "\(error)",
            ])
        case .vanished:
            logger.debug("spool file gone before it was read", metadata: ["file": "\(name)"])
        }
    }
}
