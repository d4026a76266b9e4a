import Foundation
import Logging
import Synchronization

/// A private PostgreSQL cluster in one directory, driven with the system's initdb and pg_ctl.
///
/// Inside `directory`: `data/` (the cluster), `run/` (its Unix socket, the only way in), and
/// `postgres.log`. Copies of a value share what it started.
public struct EmbeddedPostgres: Sendable {
    let layout: ClusterLayout
    private let logger: Logger
    /// Tests point this at a directory of their choosing; nil searches the system.
    private let binDirectory: String?
    private let serverSettings: [(String, String)]
    private let started = StartedServer()

    /// - Parameter directory: absolute, or relative to the current directory at this call.
    public init(directory: String, logger: Logger) {
        self.init(directory: directory, logger: logger, binDirectory: nil)
    }

    /// - Parameter serverSettings: extra `postgresql.conf` settings (name, value as the file takes it).
    package init(directory: String, logger: Logger, binDirectory: String? = nil, serverSettings: [(String, String)] = []) {
        self.serverSettings = serverSettings
        layout = ClusterLayout(directory: directory)
        var logger = logger
        logger[metadataKey: "directory"] = .string(layout.directory)
        self.logger = logger
        self.binDirectory = binDirectory
    }

    /// The libpq connection string of the cluster, known before it is started, so that
    /// clients can be set up while it starts.
    public var connectionString: String { layout.connectionString }

    /// Initializes the cluster when the directory has none, starts it unless it already runs
    /// (then it is reused and left running by `stop()`), and returns its libpq connection string.
    public func start() async throws(EmbeddedPostgresError) -> String {
        try layout.validate()
        let binaries = try await ServerBinaries.locate(explicit: binDirectory, clusterVersion: layout.clusterVersion)
        var logger = logger
        logger[metadataKey: "bindir"] = .string(binaries.directory)
        let account = try ClusterAccount.forThisProcess()
        try createDirectories()
        try await account.checkCanReach(layout.directory)

        var control = ClusterControl(binaries: binaries, account: account, layout: layout, logger: logger)
        control.serverSettings = serverSettings
        try await DirectoryLock.withLock(layout.lockFile, logger: logger) { () async throws(EmbeddedPostgresError) in
            try account.takeOwnership(of: layout.directory)
            if layout.clusterVersion == nil {
                try await control.initialize()
            }
            if try await control.isRunning() {
                logger.info("reusing the PostgreSQL already running there")
            } else {
                try await control.start()
                started.record(control)
            }
            try await control.ensureDatabase()
        }
        return layout.connectionString
    }

    /// Stops the cluster if this value (or a copy) started it; a reused one is left running.
    public func stop() async throws(EmbeddedPostgresError) {
        guard let control = started.current else {
            logger.info("leaving PostgreSQL as it is: this process did not start it")
            return
        }
        try await DirectoryLock.withLock(layout.lockFile, logger: logger) { () async throws(EmbeddedPostgresError) in
            if try await control.isRunning() {
                try await control.stop()
            }
        }
        started.clear()
    }

    /// For `atexit` handlers, where nothing can be awaited: asks the server this value started for
    /// a fast shutdown (SIGINT, as `pg_ctl stop --mode=fast` sends) and waits up to `timeout` for
    /// it to remove its pid file.
    package func stopBeforeExit(timeout: Duration = .seconds(10)) {
        guard started.take() != nil,
              let pidFile = try? String(contentsOfFile: layout.serverPidFile, encoding: .utf8),
              let pid = pidFile.split(separator: "\n").first.flatMap({ pid_t($0) })
        else { return }
        kill(pid, SIGINT)
        let deadline = ContinuousClock.now + timeout
        while FileManager.default.fileExists(atPath: layout.serverPidFile), ContinuousClock.now < deadline {
            usleep(20_000)
        }
    }

    private func createDirectories() throws(EmbeddedPostgresError) {
        for path in [layout.directory, layout.socketDirectory] {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw .directoryUnusable(path: path, reason: error.localizedDescription)
            }
        }
        // Defense in depth: the socket's own mode already keeps everyone else out.
        guard chmod(layout.socketDirectory, 0o700) == 0 else {
            throw .directoryUnusable(path: layout.socketDirectory, reason: systemError())
        }
    }
}

/// The server a value started, shared by its copies.
private final class StartedServer: Sendable {
    private let control = Mutex<ClusterControl?>(nil)

    var current: ClusterControl? { control.withLock { $0 } }
    func record(_ started: ClusterControl) { control.withLock { $0 = started } }
    func clear() { control.withLock { $0 = nil } }
    func take() -> ClusterControl? { control.withLock { value in defer { value = nil }; return value } }
}
