import EmbeddedPostgres
import Foundation
import Logging
import Synchronization

/// The PostgreSQL server the test suites create their databases on.
public enum TestCluster {
    /// `TIMELINED_TEST_DATABASE_URL` when set; otherwise a cluster of this test process in a
    /// fresh temporary directory, started on the first call (concurrent callers share that one
    /// start) and stopped and removed when the process exits.
    public static func serverConnectionString() async throws -> String {
        if let url = ProcessInfo.processInfo.environment["TIMELINED_TEST_DATABASE_URL"], !url.isEmpty {
            return url
        }
        return try await processCluster.value
    }

    /// A static `let` is initialized once, under a lock, on first use: exactly one start.
    private static let processCluster = Task<String, any Error> {
        let directory = try makeTemporaryDirectory()
        var logger = Logger(label: "timelined.test-cluster")
        logger.logLevel = .warning
        // Every test has a database and a pool of its own, and they run in parallel; what is
        // lost with fsync off is a crash's worth of throwaway data.
        let cluster = EmbeddedPostgres(directory: directory, logger: logger, serverSettings: [
            ("max_connections", "1000"), ("fsync", "off"), ("synchronous_commit", "off"), ("full_page_writes", "off"),
        ])
        clusterToRemove.withLock { $0 = (cluster, directory) }
        atexit {
            guard let (cluster, directory) = clusterToRemove.withLock({ $0 }) else { return }
            cluster.stopBeforeExit()
            try? FileManager.default.removeItem(atPath: directory)
        }
        return try await cluster.start()
    }

    private static func makeTemporaryDirectory() throws -> String {
        let template = FileManager.default.temporaryDirectory.path + "/timelined-test-XXXXXX"
        var path = Array(template.utf8CString)
        guard path.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw TemporaryDirectoryError(template: template, reason: String(cString: strerror(errno)))
        }
        return path.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// What the `atexit` handler cleans up; a global because a C function pointer captures nothing.
private let clusterToRemove = Mutex<(EmbeddedPostgres, String)?>(nil)

private struct TemporaryDirectoryError: Error, CustomStringConvertible {
    let template: String
    let reason: String

    var description: String { "cannot create a temporary directory like \(template) for the test cluster: \(reason)" }
}
