import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import Prometheus
import TestSupport
import Testing
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
    responseCache: RenderedResponseCache = RenderedResponseCache(),
    _ test: @escaping @Sendable (any TestClientProtocol, APIHarness) async throws -> Void
) async throws {
    try await TestDatabase.withPool { pool, _ in
        try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
        try await withApplication(pool: pool, configuration: configuration, testing: setup, responseCache: responseCache, test)
    }
}

/// Runs `test` against a router whose stores all use `pool` (one whose database is away, say),
/// ingesting through `ingestor` when a test brings a stand-in.
func withApplication(
    pool: PostgresPool,
    ingestor: (any EventIngesting)? = nil,
    configuration: APIConfiguration = TestToken.configuration,
    testing setup: TestingSetup = .router,
    responseCache: RenderedResponseCache = RenderedResponseCache(),
    _ test: @escaping @Sendable (any TestClientProtocol, APIHarness) async throws -> Void
) async throws {
    let harness = APIHarness(pool: pool, registry: PrometheusCollectorRegistry(), logs: LogCapture())
    let router = makeRouter(
        pool: pool, ingestor: ingestor, configuration: configuration, metrics: harness.registry, responseCache: responseCache)
    let application = Application(router: router, logger: harness.logs.logger)
    try await application.test(setup) { client in try await test(client, harness) }
}

/// The daemon's router with every store over `pool`.
func makeRouter(
    pool: PostgresPool,
    ingestor: (any EventIngesting)? = nil,
    configuration: APIConfiguration = TestToken.configuration,
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    responseCache: RenderedResponseCache = RenderedResponseCache()
) -> Router<APIRequestContext> {
    buildRouter(
        APIDependencies(
            ingestor: ingestor ?? EventIngestor(pool: pool, logger: TestDatabase.logger),
            events: EventReadStore(pool: pool),
            retractor: EventRetractor(pool: pool, logger: TestDatabase.logger),
            confirmer: EventConfirmer(pool: pool, logger: TestDatabase.logger),
            actors: ActorStore(pool: pool),
            agreements: AgreementStore(pool: pool),
            agreementDefiner: AgreementStore(pool: pool),
            notifications: NotificationLedger(pool: pool),
            deliveries: DeliveryOutbox(pool: pool),
            readiness: PoolReadiness(pool: pool), pool: pool, changes: ChangeSequenceStore(pool: pool), responseCache: responseCache,
            agreementMetrics: AgreementMetricsStore(pool: pool)),
        configuration: { configuration }, metrics: metrics)
}

/// Ready when the database answers; the daemon's probe also checks migrations.
struct PoolReadiness: ReadinessProbe {
    let pool: PostgresPool

    func readiness() async -> Readiness {
        do {
            try await pool.query("SELECT 1")
            return .ready
        } catch {
            return .databaseUnavailable
        }
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

    /// With the test token unless `authorized` is false.
    func delete(_ uri: String, authorized: Bool = true) async throws -> TestResponse {
        try await execute(uri: uri, method: .delete, headers: authorized ? [.authorization: "Bearer \(TestToken.value)"] : [:])
    }

    /// Posts `body` (a record or an array of them) and answers the ids of its events, in record order.
    func ingest(_ body: String) async throws -> [String] {
        let response = try await post(body)
        guard response.status == .ok else { throw UnexpectedResponse(description: "ingest answered \(response.status): \(response.text)") }
        return try response.decoded(as: IngestResults.self).results.map(\.id)
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
    let errorsOmitted: Int?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, errors
        case errorsOmitted = "errors_omitted"
    }
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

/// An event revision as the read endpoints show it (the members the tests look at).
struct EventDocument: Decodable, Equatable {
    let id: String
    let revision: Int
    let retracted: Bool
    let title: String
    let key: String?
    let date: String
    let precision: String
    let recordedAt: String

    private enum CodingKeys: String, CodingKey {
        case id, revision, retracted, title, key, date, precision
        case recordedAt = "recorded_at"
    }
}

struct RevisionsDocument: Decodable {
    let revisions: [EventDocument]
}

struct TimelinePage: Decodable {
    let events: [EventDocument]
    let nextCursor: String?

    private enum CodingKeys: String, CodingKey {
        case events
        case nextCursor = "next_cursor"
    }
}

struct ActorDocument: Decodable, Equatable {
    let id: String
    let name: String
    let eventCount: Int

    private enum CodingKeys: String, CodingKey {
        case id, name
        case eventCount = "event_count"
    }
}

struct ActorPage: Decodable {
    let actors: [ActorDocument]
    let nextCursor: String?

    private enum CodingKeys: String, CodingKey {
        case actors
        case nextCursor = "next_cursor"
    }
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

extension TestResponse {
    /// The 400 of a bad query parameter, naming `name`.
    func expectInvalidParameter(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(status == .badRequest, "\(text)", sourceLocation: sourceLocation)
        let problem = try problem()
        #expect(problem.type == "urn:timelined:problem:invalid-parameter", sourceLocation: sourceLocation)
        #expect(problem.errors?.map(\.field) == [name], "\(text)", sourceLocation: sourceLocation)
        #expect(problem.detail.contains("'\(name)'"), "\(problem.detail)", sourceLocation: sourceLocation)
    }

    /// A 404 problem.
    func expectNotFound(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(status == .notFound, "\(text)", sourceLocation: sourceLocation)
        #expect(try problem().type == "urn:timelined:problem:not-found", sourceLocation: sourceLocation)
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
