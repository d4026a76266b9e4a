import Foundation

/// The directory holding the PostgreSQL server programs the cluster is driven with.
struct ServerBinaries: Sendable {
    let directory: String

    var initdb: String { directory + "/initdb" }
    var pgCtl: String { directory + "/pg_ctl" }
    var createdb: String { directory + "/createdb" }

    /// Debian and Ubuntu install each major version's server side by side here.
    static let versionedRoot = "/usr/lib/postgresql"

    /// `explicit` when given (and nothing else); otherwise, in order: the binaries of the existing
    /// cluster's major version (a newer default cannot open its files), `pg_config --bindir`,
    /// the highest complete version under /usr/lib/postgresql.
    static func locate(explicit: String?, clusterVersion: String?) async throws(EmbeddedPostgresError) -> ServerBinaries {
        if let explicit {
            guard let binaries = ServerBinaries(checking: explicit) else { throw .binariesNotFound(searched: [explicit]) }
            return binaries
        }
        var searched: [String] = []
        if let clusterVersion {
            let matching = "\(versionedRoot)/\(clusterVersion)/bin"
            if let binaries = ServerBinaries(checking: matching) { return binaries }
            searched.append(matching)
        }
        if let reported = await pgConfigBinDirectory() {
            if let binaries = ServerBinaries(checking: reported) { return binaries }
            searched.append(reported)
        }
        if let highest = highestVersioned() { return highest }
        searched.append("\(versionedRoot)/*/bin")
        throw .binariesNotFound(searched: searched)
    }

    /// Nil unless `directory` holds every program the cluster needs.
    init?(checking directory: String) {
        let programs = ["initdb", "pg_ctl", "createdb"]
        guard programs.allSatisfy({ FileManager.default.isExecutableFile(atPath: directory + "/" + $0) }) else {
            return nil
        }
        self.directory = directory
    }

    private static func pgConfigBinDirectory() async -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let candidates = path.split(separator: ":").map { String($0) + "/pg_config" }
        guard let pgConfig = candidates.first(where: FileManager.default.isExecutableFile(atPath:)),
              let outcome = try? await ProgramRun.run(pgConfig, ["--bindir"], in: "/"),
              outcome.succeeded
        else { return nil }
        let directory = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return directory.isEmpty ? nil : directory
    }

    /// Client packages fill /usr/lib/postgresql/N/bin too, so only complete directories count.
    private static func highestVersioned() -> ServerBinaries? {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: versionedRoot)) ?? []
        return versions
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }
            .lazy
            .compactMap { ServerBinaries(checking: "\(versionedRoot)/\($0)/bin") }
            .first
    }
}
