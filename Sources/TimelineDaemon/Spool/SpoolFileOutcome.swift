import TimelineStore

/// What became of one spool file.
enum SpoolFileOutcome {
    /// Stored and filed in `processed/` under `storedAs`.
    case imported(SpoolReceipt, storedAs: String)
    /// The ledger had it from an earlier run that stopped before filing it: filed, not stored again.
    case alreadyImported(SpoolReceipt, storedAs: String)
    /// Refused, nothing stored, filed in `failed/` under `storedAs`.
    case failed(SpoolErrorReport, storedAs: String)
    /// Left in the spool for a later scan: the database or the file system failed.
    case deferred(any Error)
    /// No longer a plain file when it was opened (a link, a hard link, not a regular file): not read, not moved.
    case skipped(SpoolFileSystemError)
    /// Gone before it was read: another daemon on the same spool took it, or someone removed it.
    case vanished
}
