import Foundation
import Postgres
import ServiceLifecycle
import TimelineStore
import TestSupport
import Testing

@testable import TimelineDaemon

/// A spool directory of one test's own, with what the tests look at in it.
struct TestSpool {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("timelined-spool-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Puts a file in place the way writers are told to: a dot-name first, then a rename.
    func drop(_ name: String, _ text: String) throws {
        try drop(name, Data(text.utf8))
    }

    func drop(_ name: String, _ data: Data) throws {
        let temporary = url.appendingPathComponent(".\(name).tmp")
        try data.write(to: temporary)
        try FileManager.default.moveItem(at: temporary, to: url.appendingPathComponent(name))
    }

    /// Every name in the directory (`nil`: the spool itself), hidden ones included, sorted.
    func names(in subdirectory: String? = nil) -> [String] {
        let directory = subdirectory.map { url.appendingPathComponent($0).path } ?? path
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    func json(_ relativePath: String) throws -> [String: Any] {
        let data = try Data(contentsOf: url.appendingPathComponent(relativePath))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

/// A migrated test database and a spool of the test's own.
func withSpool<T>(_ body: (TestSpool, PostgresPool, TestDatabase) async throws -> T) async throws -> T {
    try await TestDatabase.withPool { pool, database in
        try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
        let spool = try TestSpool()
        defer { spool.remove() }
        return try await body(spool, pool, database)
    }
}

/// The real GDELT 2.0 export of 2019-10-24 14:30 UTC (2,111 rows) the docs and the import tests use.
enum GdeltExample {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let name = "20191024143000.export.CSV"

    static func zipped() throws -> Data {
        try Data(contentsOf: repository.appendingPathComponent("docs/examples/gdelt/\(name).zip"))
    }

    static func plain() throws -> Data {
        try Data(contentsOf: repository.appendingPathComponent("Tests/TimelineImportTests/Resources/gdelt/\(name)"))
    }
}

extension LogCapture {
    /// The per-file lines, by file name.
    func fileLines() -> [String: LogCapture.Entry] {
        Dictionary(all.compactMap { entry in entry.metadata["file"].map { ($0, entry) } }) { _, last in last }
    }
}

/// Runs a watcher on `spool` while `body` runs, then shuts it down gracefully.
func withSpoolWatcher<T>(
    on spool: TestSpool, pool: PostgresPool, log: LogCapture, maxFileBytes: Int = DaemonConfiguration().http.maxBodyBytes,
    maxGdeltFileBytes: Int = DaemonConfiguration().importing.maxFileBytes,
    _ body: () async throws -> T
) async throws -> T {
    let path = spool.path
    let watcher = SpoolWatcher(
        directory: { path }, maxFileBytes: maxFileBytes, maxGdeltFileBytes: maxGdeltFileBytes,
        gdeltSettings: { DaemonConfiguration().importing.gdelt }, pool: pool, waitForSchema: { true }, logger: log.logger,
        interval: .milliseconds(100), maximumRetryDelay: .milliseconds(400)
    )
    let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [watcher], logger: log.logger))
    let running = Task { try await group.run() }
    do {
        let value = try await body()
        await group.triggerGracefulShutdown()
        try await running.value
        return value
    } catch {
        await group.triggerGracefulShutdown()
        try? await running.value
        throw error
    }
}

/// Polls `condition` until it holds; false when `seconds` pass first.
func eventually(
    within seconds: Double = 60, every interval: Duration = .milliseconds(50), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}
