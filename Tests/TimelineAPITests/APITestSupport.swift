import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import Prometheus
import TestSupport
import TimelineAPI
import TimelineCore
import TimelineStore

/// What a test can look at besides the responses.
struct APIHarness: Sendable {
    let pool: PostgresPool
    let registry: PrometheusCollectorRegistry
    let logs: LogCapture
}

/// The bearer token the test applications accept unless a test configures otherwise.
enum TestToken {
    static let value = "test-token-0123456789"
    /// `printf %s test-token-0123456789 | sha256sum`, as an operator would configure it.
    static let hash = "93b01915ef217ed9eb776b2e473270b00418b7bfc8c89d30696ece5eb5d91240"
    static let configuration = APIConfiguration(tokenHashes: [hash])
}

/// Runs `test` against the router the daemon serves, over a migrated throwaway database.
func withAPI(
    _ configuration: APIConfiguration = TestToken.configuration,
    testing setup: TestingSetup = .router,
    _ test: @escaping @Sendable (any TestClientProtocol, APIHarness) async throws -> Void
) async throws {
    try await TestDatabase.withPool { pool, _ in
        try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
        try await withApplication(
            ingestor: EventIngestor(pool: pool, logger: TestDatabase.logger), pool: pool,
            configuration: configuration, testing: setup, test)
    }
}

/// Runs `test` against a router over the given ingestor and pool (a stand-in, or a pool whose
/// database is away).
func withApplication(
    ingestor: any EventIngesting,
    pool: PostgresPool,
    configuration: APIConfiguration = TestToken.configuration,
    testing setup: TestingSetup = .router,
    _ test: @escaping @Sendable (any TestClientProtocol, APIHarness) async throws -> Void
) async throws {
    let harness = APIHarness(pool: pool, registry: PrometheusCollectorRegistry(), logs: LogCapture())
    let router = buildRouter(
        ingestor: ingestor, readiness: PoolReadiness(pool: pool), pool: pool,
        configuration: configuration, metrics: harness.registry)
    let application = Application(router: router, logger: harness.logs.logger)
    try await application.test(setup) { client in try await test(client, harness) }
}

/// Ready when the database answers; the daemon's probe also checks migrations.
struct PoolReadiness: ReadinessProbe {
    let pool: PostgresPool

    func readiness() async -> Readiness {
        do {
            try await pool.query("SELECT 1")
            return .ready
        } catch {
            return .notReady("database unavailable: \(error)")
        }
    }
}

/// A pool whose database is away: its host is a socket directory where no server listens.
func withUnreachablePool<T>(_ body: (PostgresPool) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("timelined-no-server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let pool = PostgresPool(
        configuration: .init(
            connectionString: ConnectionString("host=\(directory.path) dbname=timelined connect_timeout=2"),
            size: 2, maximumBackoff: .milliseconds(50)),
        logger: TestDatabase.logger)
    do {
        let value = try await body(pool)
        await pool.shutdown()
        return value
    } catch {
        await pool.shutdown()
        throw error
    }
}

// MARK: - Requests

enum Body {
    static let json: HTTPFields = [.contentType: "application/json"]
    static let ndjson: HTTPFields = [.contentType: "application/x-ndjson"]
}

extension TestClientProtocol {
    /// Sends the test token unless the headers carry an Authorization of their own or `authorized` is false.
    func post(
        _ body: String, to uri: String = "/v1/events", headers: HTTPFields = Body.json, authorized: Bool = true
    ) async throws -> TestResponse {
        var headers = headers
        if authorized, headers[.authorization] == nil {
            headers[.authorization] = "Bearer \(TestToken.value)"
        }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }
}

func visit(_ key: String? = nil, title: String = "A visit", date: String = "2023-08-27") -> String {
    let keyMember = key.map { #""key": "\#($0)", "# } ?? ""
    return #"{\#(keyMember)"kind": "visit", "title": "\#(title)", "date": "\#(date)", "actors": ["US", "CN"]}"#
}

// MARK: - Responses

/// An RFC 9457 problem as the API writes it.
struct Problem: Decodable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let errors: [ValidationIssue]?
}

struct IngestResults: Decodable {
    struct Result: Decodable {
        let index: Int
        let id: String
        let key: String?
        let status: String
    }

    let results: [Result]
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func decoded<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(buffer: body))
    }

    /// The problem document; fails unless the response is `application/problem+json` with a status matching the response's.
    func problem() throws -> Problem {
        guard headers[.contentType] == "application/problem+json" else {
            throw UnexpectedResponse(description: "content type \(headers[.contentType] ?? "none"), body \(text)")
        }
        let problem = try decoded(as: Problem.self)
        guard problem.status == Int(status.code) else {
            throw UnexpectedResponse(description: "problem status \(problem.status) in a \(status.code) response")
        }
        return problem
    }
}

struct UnexpectedResponse: Error, CustomStringConvertible {
    let description: String
}

/// Row counts of every table ingest writes, to prove that a refused request wrote nothing.
func storedRows(_ pool: PostgresPool) async throws -> Int {
    let row = try await pool.query(
        """
        SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM event_revisions) + (SELECT count(*) FROM event_actors)
             + (SELECT count(*) FROM actors) + (SELECT count(*) FROM agreements) + (SELECT count(*) FROM agreement_parties)
        """
    )[0]
    return try row.int(0)
}
