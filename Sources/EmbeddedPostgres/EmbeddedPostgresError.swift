/// Why the embedded cluster could not be started or stopped. Each description is one line that
/// says what to do, because it ends up as the daemon's single start-up error.
public enum EmbeddedPostgresError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No directory holding `initdb` and `pg_ctl` was found; `searched` lists the places tried.
    case binariesNotFound(searched: [String])
    /// `<directory>/run/.s.PGSQL.5432` would exceed the `limit` bytes a Unix socket path may have.
    case socketPathTooLong(path: String, limit: Int)
    /// The directory cannot hold the cluster (not creatable, not writable, or unusable by libpq).
    case directoryUnusable(path: String, reason: String)
    /// Running as root, the cluster must belong to this account (initdb refuses root), and it does not exist.
    case accountMissing(account: String)
    /// Running as root, neither `setpriv` nor `runuser` is there to run initdb and pg_ctl as `account`.
    case accountSwitchUnavailable(account: String)
    /// `account` cannot traverse `path`, a parent of the cluster's directory.
    case directoryUnreachable(path: String, account: String)
    /// Another process holds the lock that serializes starting and stopping the cluster.
    case lockBusy(lockFile: String)
    /// A PostgreSQL program could not be launched at all.
    case launchFailed(program: String, reason: String)
    /// `initdb` failed; `output` is the end of what it printed.
    case initdbFailed(dataDirectory: String, output: String)
    /// `pg_ctl status` answered neither "running" nor "stopped".
    case statusFailed(dataDirectory: String, output: String)
    /// `pg_ctl start` failed; `output` is the end of the server log.
    case startFailed(logFile: String, output: String)
    /// `pg_ctl stop` failed.
    case stopFailed(dataDirectory: String, output: String)
    /// `createdb timelined` failed.
    case createDatabaseFailed(logFile: String, output: String)

    public var description: String {
        switch self {
        case .binariesNotFound(let searched):
            let places = searched.isEmpty ? "" : " (looked in \(searched.joined(separator: ", ")))"
            return "PostgreSQL server binaries (initdb, pg_ctl) not found\(places); "
                + "install them with `apt-get install postgresql` or set database.url"
        case .socketPathTooLong(let path, let limit):
            return "the embedded database's socket path \(path) is \(path.utf8.count) bytes, over the \(limit)-byte "
                + "limit of Unix sockets; set database.embedded_dir to a shorter path"
        case .directoryUnusable(let path, let reason):
            return "cannot keep the embedded database in \(path): \(reason); "
                + "set database.embedded_dir to another directory"
        case .accountMissing(let account):
            return "as root, the embedded database must run as the `\(account)` account (initdb refuses root), "
                + "which does not exist; install postgresql, or run timelined as an unprivileged user"
        case .accountSwitchUnavailable(let account):
            return "as root, the embedded database must run as `\(account)` (initdb refuses root), but neither "
                + "setpriv nor runuser is installed; install util-linux, or run timelined as an unprivileged user"
        case .directoryUnreachable(let path, let account):
            return "the embedded database runs as `\(account)` (initdb refuses root), which cannot enter \(path); "
                + "set database.embedded_dir to a directory it can reach, e.g. /var/lib/timelined/pg"
        case .lockBusy(let lockFile):
            return "another process keeps starting or stopping the embedded database (it holds \(lockFile)); "
                + "stop that process or wait for it, then retry"
        case .launchFailed(let program, let reason):
            return "cannot run \(program): \(reason); reinstall the PostgreSQL server package or set database.url"
        case .initdbFailed(let dataDirectory, let output):
            return "initdb failed for \(dataDirectory): \(output); fix the cause or choose another database.embedded_dir"
        case .statusFailed(let dataDirectory, let output):
            return "cannot tell whether PostgreSQL runs in \(dataDirectory): \(output); "
                + "check that directory's ownership and permissions"
        case .startFailed(let logFile, let output):
            return "PostgreSQL did not start: \(output); see \(logFile) for the whole story"
        case .stopFailed(let dataDirectory, let output):
            return "PostgreSQL did not stop: \(output); stop it with `pg_ctl stop -D \(dataDirectory)`"
        case .createDatabaseFailed(let logFile, let output):
            return "cannot create the timelined database: \(output); see \(logFile)"
        }
    }
}
