import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TimelineAPI

@Suite("Authentication")
struct AuthenticationTests {
    static let token = TestToken.value
    /// A second hash first, so matching is not just "the first entry".
    static let tokens = APIConfiguration(tokenHashes: [String(repeating: "0", count: 64), TestToken.hash])
    static let noTokens = APIConfiguration(tokenHashes: [])

    @Test func withTokensAWriteWithoutOneIs401WithWWWAuthenticate() async throws {
        try await withAPI(Self.tokens) { client, harness in
            let response = try await client.post(visit(), authorized: false)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(try response.problem().type == "urn:timelined:problem:unauthorized")
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    @Test(arguments: ["Bearer wrong", "Bearer \(token)x", "Basic \(token)", "Bearer", "\(token)"])
    func withTokensAWrongTokenIs401(authorization: String) async throws {
        try await withAPI(Self.tokens) { client, _ in
            var headers = Body.json
            headers[.authorization] = authorization
            let response = try await client.post(visit(), headers: headers)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        }
    }

    @Test(arguments: ["Bearer \(token)", "bearer \(token)", "BEARER  \(token)"])
    func withTokensTheRightTokenWrites(authorization: String) async throws {
        try await withAPI(Self.tokens) { client, _ in
            var headers = Body.json
            headers[.authorization] = authorization
            let response = try await client.post(visit(), headers: headers)
            #expect(response.status == .ok)
        }
    }

    @Test func withTokensALoopbackClientStillNeedsOne() async throws {
        try await withAPI(Self.tokens, testing: .live) { client, _ in
            let response = try await client.post(visit(), authorized: false)
            #expect(response.status == .unauthorized)
        }
    }

    @Test func readsNeedNoToken() async throws {
        try await withAPI(Self.tokens) { client, _ in
            let health = try await client.get("/healthz")
            let metrics = try await client.get("/metrics")
            #expect(health.status == .ok && metrics.status == .ok)
        }
    }

    /// Over a real connection from this machine.
    @Test func withoutTokensALoopbackClientWrites() async throws {
        try await withAPI(Self.noTokens, testing: .live) { client, harness in
            let response = try await client.post(visit(), authorized: false)
            #expect(response.status == .ok)
            #expect(try await harness.pool.query("SELECT count(*) FROM events")[0].int(0) == 1)
        }
    }

    /// The router-only client names no peer, which counts as not loopback.
    @Test func withoutTokensAnotherClientIs403ToldHowToConfigureTokens() async throws {
        try await withAPI(Self.noTokens) { client, harness in
            let response = try await client.post(visit(), authorized: false)
            #expect(response.status == .forbidden)
            let problem = try response.problem()
            #expect(problem.detail.contains("api.token_hashes"))
            #expect(problem.detail.contains("sha256sum"))
            #expect(try await client.get("/healthz").status == .ok)
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    @Test func theTokenIsNeverLogged() async throws {
        try await withAPI(Self.tokens) { client, harness in
            var headers = Body.json
            headers[.authorization] = "Bearer \(Self.token)"
            let accepted = try await client.post(visit(), headers: headers)
            headers[.authorization] = "Bearer not-\(Self.token)"
            let refused = try await client.post(visit(), headers: headers)
            #expect(accepted.status == .ok && refused.status == .unauthorized)
            let logged = harness.logs.all.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
            #expect(!logged.contains(Self.token))
        }
    }

    @Test(arguments: [
        ("127.0.0.1", true), ("127.45.6.7", true), ("::1", true), ("::ffff:127.0.0.1", true),
        ("10.0.0.1", false), ("192.168.1.20", false), ("128.0.0.1", false), ("::ffff:10.0.0.1", false),
        ("2001:db8::1", false), ("::2", false),
    ])
    func loopbackAddresses(address: String, isLoopback: Bool) throws {
        #expect(ClientAddress.ip(try SocketAddress(ipAddress: address, port: 40000)).isLoopback == isLoopback)
    }

    @Test func unixSocketClientsAreLocalAndUnknownOnesAreNot() {
        #expect(ClientAddress.unixSocket.isLoopback)
        #expect(!ClientAddress.unknown.isLoopback)
    }
}
