import Foundation
import Testing
import TestSupport

@Suite struct TestClusterTests {
    @Test func concurrentCallersShareOneServer() async throws {
        let connections = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await TestCluster.serverConnectionString() } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(connections.count == 1)
        let connection = try #require(connections.first)
        #expect(try await psql(connection, "SELECT 1") == "1")
    }
}
