import Foundation
import Logging

/// The PostgreSQL programs, run as the cluster's account against one cluster directory.
struct ClusterControl: Sendable {
    let binaries: ServerBinaries
    let account: ClusterAccount
    let layout: ClusterLayout
    /// Server settings beyond the layout's own, e.g. a test cluster's connection limit.
    var serverSettings: [(String, String)] = []
    let logger: Logger

    func initialize() async throws(EmbeddedPostgresError) {
        logger.info("initializing a new PostgreSQL cluster")
        let outcome = try await run(binaries.initdb, [
            "--pgdata=\(layout.dataDirectory)", "--username=\(ClusterLayout.role)",
            "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
        ])
        guard outcome.succeeded else {
            throw .initdbFailed(dataDirectory: layout.dataDirectory, output: outcome.tail)
        }
    }

    func isRunning() async throws(EmbeddedPostgresError) -> Bool {
        let outcome = try await run(binaries.pgCtl, ["status", "--pgdata=\(layout.dataDirectory)"])
        switch outcome.termination {
        case .exited(0): return true
        case .exited(3): return false
        default: throw .statusFailed(dataDirectory: layout.dataDirectory, output: outcome.tail)
        }
    }

    func start() async throws(EmbeddedPostgresError) {
        try writeSettings()
        logger.info("starting PostgreSQL")
        let logStart = fileSize(layout.logFile)
        let outcome = try await run(binaries.pgCtl, [
            "start", "--pgdata=\(layout.dataDirectory)", "--log=\(layout.logFile)", "--wait", "--silent",
        ])
        guard outcome.succeeded else {
            // pg_ctl only says "examine the log output": the reason is in what the server logged.
            let logged = serverMessages(logText(from: logStart))
            throw .startFailed(logFile: layout.logFile, output: logged.isEmpty ? outcome.tail : ProgramOutcome.tail(of: logged))
        }
    }

    func stop() async throws(EmbeddedPostgresError) {
        logger.info("stopping PostgreSQL")
        let outcome = try await run(binaries.pgCtl, [
            "stop", "--pgdata=\(layout.dataDirectory)", "--mode=fast", "--wait", "--silent",
        ])
        guard outcome.succeeded else {
            throw .stopFailed(dataDirectory: layout.dataDirectory, output: outcome.tail)
        }
    }

    /// initdb makes only the `postgres` database; a marker in the data directory records that
    /// ours exists, so an interruption between initdb and here is repaired on the next start.
    func ensureDatabase() async throws(EmbeddedPostgresError) {
        guard !FileManager.default.fileExists(atPath: layout.databaseMarker) else { return }
        logger.info("creating the timelined database")
        let outcome = try await run(binaries.createdb, [
            "--host=\(layout.socketDirectory)", "--port=\(ClusterLayout.port)",
            "--username=\(ClusterLayout.role)", ClusterLayout.database,
        ])
        guard outcome.succeeded || outcome.output.contains("already exists") else {
            throw .createDatabaseFailed(logFile: layout.logFile, output: outcome.tail)
        }
        try write("", to: layout.databaseMarker)
    }

    /// Our settings go in a file of their own that postgresql.conf includes last. Both are
    /// checked on every start: the include in case initdb's run was cut short, the settings
    /// because they hold the directory's absolute path, which changes when it is moved.
    private func writeSettings() throws(EmbeddedPostgresError) {
        let configuration = layout.dataDirectory + "/postgresql.conf"
        let current = (try? String(contentsOfFile: configuration, encoding: .utf8)) ?? ""
        if !current.contains(ClusterLayout.settingsInclude) {
            try write(current + ClusterLayout.settingsInclude, to: configuration)
        }
        try write(layout.settings(extra: serverSettings), to: layout.settingsFile)
    }

    private func write(_ text: String, to path: String) throws(EmbeddedPostgresError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .directoryUnusable(path: path, reason: error.localizedDescription)
        }
        try account.own(path)
    }

    private func run(_ program: String, _ arguments: [String]) async throws(EmbeddedPostgresError) -> ProgramOutcome {
        var metadata: Logger.Metadata = ["command": .array(([program] + arguments).map { .string($0) })]
        if case .switched(let switched) = account { metadata["account"] = .string(switched.name) }
        logger.debug("running \((program as NSString).lastPathComponent)", metadata: metadata)
        return try await ProgramRun.run(program, arguments, in: layout.directory, as: account)
    }

    private func fileSize(_ path: String) -> UInt64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    /// Log lines without their "<time> [<pid>] " prefix, which only lengthens a one-line error.
    private func serverMessages(_ log: String) -> String {
        log.split(whereSeparator: \.isNewline)
            .map { line in line.firstRange(of: /\[\d+\]\s+/).map { line[$0.upperBound...] } ?? line }
            .joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func logText(from offset: UInt64) -> String {
        guard let handle = FileHandle(forReadingAtPath: layout.logFile) else { return "" }
        defer { try? handle.close() }
        try? handle.seek(toOffset: offset)
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }
}
