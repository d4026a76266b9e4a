@testable import EmbeddedPostgres
import Foundation
import Logging
import Testing
import TimelineCore

/// Against the system's real initdb and pg_ctl; each test has its own directory and cluster.
@Suite struct ClusterLifecycleTests {
    @Test func startsAClusterThatAnswersOverItsSocket() async throws {
        // The space checks quoting in both the connection string and postgresql.conf.
        try await withTemporaryDirectory(named: "timelined embedded") { directory in
            let postgres = EmbeddedPostgres(directory: directory + "/pg", logger: .test)
            let connection = try await postgres.start()

            #expect(connection == "host='\(directory)/pg/run' port=5432 user=timelined dbname=timelined")
            #expect(try await psql(connection, "SELECT 1") == "1")
            #expect(try await psql(connection, "SHOW listen_addresses") == "")
            for file in ["data/PG_VERSION", "run/.s.PGSQL.5432", "postgres.log"] {
                #expect(FileManager.default.fileExists(atPath: "\(directory)/pg/\(file)"), "\(file)")
            }

            try await postgres.stop()
            #expect(try await psql(connection, "SELECT 1") == nil)
        }
    }

    @Test func aSecondStartReusesTheRunningClusterAndLeavesItRunning() async throws {
        try await withTemporaryDirectory { directory in
            let first = EmbeddedPostgres(directory: directory, logger: .test)
            let connection = try await first.start()
            let server = try serverPid(in: directory)

            let second = EmbeddedPostgres(directory: directory, logger: .test)
            #expect(try await second.start() == connection)
            #expect(try serverPid(in: directory) == server)
            try await second.stop()
            #expect(try await psql(connection, "SELECT 1") == "1")

            try await first.stop()
            #expect(try await psql(connection, "SELECT 1") == nil)
        }
    }

    @Test func concurrentStartsOnOneDirectoryStartOneServer() async throws {
        try await withTemporaryDirectory { directory in
            let clusters = (0..<3).map { _ in EmbeddedPostgres(directory: directory, logger: .test) }
            let connections = try await withThrowingTaskGroup(of: String.self) { group in
                for cluster in clusters { group.addTask { try await cluster.start() } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(connections.count == 1)
            let connection = try #require(connections.first)
            #expect(try await psql(connection, "SELECT 1") == "1")

            for cluster in clusters { try await cluster.stop() }
            #expect(try await psql(connection, "SELECT 1") == nil)
        }
    }

    @Test func restartingKeepsTheDataEvenAfterACrashLeftAStalePidFile() async throws {
        try await withTemporaryDirectory { directory in
            let first = EmbeddedPostgres(directory: directory, logger: .test)
            let connection = try await first.start()
            #expect(try await psql(connection, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)") != nil)
            let pidFile = directory + "/data/postmaster.pid"
            let runningPidFile = try String(contentsOfFile: pidFile, encoding: .utf8)
            try await first.stop()

            // What a crash leaves: the pid file of a postmaster that no longer exists.
            var lines = runningPidFile.split(separator: "\n", omittingEmptySubsequences: false)
            lines[0] = Substring(String(try await deadPid()))
            try lines.joined(separator: "\n").write(toFile: pidFile, atomically: false, encoding: .utf8)

            let second = EmbeddedPostgres(directory: directory, logger: .test)
            #expect(try await second.start() == connection)
            #expect(try await psql(connection, "SELECT v FROM kept") == "42")
            try await second.stop()
        }
    }

    private func serverPid(in directory: String) throws -> Substring? {
        try String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8).split(separator: "\n").first
    }

    /// The pid of a process that has ended and been reaped.
    private func deadPid() async throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        await onOwnThread { process.waitUntilExit() }
        return process.processIdentifier
    }
}
