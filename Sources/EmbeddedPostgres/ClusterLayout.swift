import Foundation

/// Where everything of one embedded cluster lives, all paths absolute.
struct ClusterLayout: Sendable {
    static let port = 5432
    static let role = "timelined"
    static let database = "timelined"

    let directory: String
    var dataDirectory: String { directory + "/data" }
    var socketDirectory: String { directory + "/run" }
    var socketFile: String { socketDirectory + "/.s.PGSQL.\(Self.port)" }
    var logFile: String { directory + "/postgres.log" }
    /// Serializes start and stop between processes sharing the directory.
    var lockFile: String { directory + "/timelined.lock" }
    /// Settings rewritten on every start, so a moved directory still gets its own socket path.
    var settingsFile: String { dataDirectory + "/timelined.conf" }
    /// Written once the timelined database exists: initdb alone makes only `postgres`.
    var databaseMarker: String { dataDirectory + "/timelined.created" }
    var versionFile: String { dataDirectory + "/PG_VERSION" }
    var serverPidFile: String { dataDirectory + "/postmaster.pid" }

    init(directory: String) {
        let absolute = directory.hasPrefix("/")
            ? directory
            : FileManager.default.currentDirectoryPath + "/" + directory
        self.directory = URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    /// What the directory's path must satisfy before anything is created in it.
    func validate() throws(EmbeddedPostgresError) {
        let limit = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1
        guard socketFile.utf8.count <= limit else {
            throw .socketPathTooLong(path: socketFile, limit: limit)
        }
        // libpq splits `host` on commas, with no way to escape one.
        guard !socketDirectory.contains(",") else {
            throw .directoryUnusable(path: directory, reason: "libpq cannot use a socket directory whose path has a comma")
        }
    }

    /// The major version of the cluster in `data/`, nil when there is none yet.
    var clusterVersion: String? {
        guard let text = try? String(contentsOfFile: versionFile, encoding: .utf8) else { return nil }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var connectionString: String {
        [
            ("host", socketDirectory), ("port", String(Self.port)),
            ("user", Self.role), ("dbname", Self.database),
        ]
        .map { "\($0)=\(ConfigQuoting.libpqValue($1))" }
        .joined(separator: " ")
    }

    /// Unix socket only, reachable by the owner alone: that is what makes `--auth=trust` safe.
    /// `extra` are further `name = value` lines (values as postgresql.conf takes them).
    func settings(extra: [(String, String)]) -> String {
        """
        # Written by timelined on every start of the embedded database; edits here are lost.
        listen_addresses = ''
        port = \(Self.port)
        unix_socket_directories = \(ConfigQuoting.serverString(ConfigQuoting.socketDirectoryListItem(socketDirectory)))
        unix_socket_permissions = 0700
        # The service unit denies writable-executable memory, which LLVM's JIT needs; the
        # timeline's short indexed queries never gain from it anyway.
        jit = off

        """ + extra.map { "\($0.0) = \($0.1)\n" }.joined()
    }

    /// Appended to the postgresql.conf initdb writes; last, so it wins over anything above it.
    static let settingsInclude = "\n# timelined: the embedded database's own settings\ninclude_if_exists = 'timelined.conf'\n"
}
