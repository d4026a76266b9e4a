import Hummingbird
import HummingbirdTesting
import Postgres
import Testing
@testable import TimelineAPI
import TimelineCore
import TimelineStore
import TestSupport

@Suite("ETags, 304 and the cache of rendered responses (contract §13)")
struct ConditionalRequestTests {
    static let paths = ["/v1/timeline?actor=US", "/v1/timeline?format=timelinejs", "/", "/timeline?actor=US"]

    @Test(arguments: paths)
    func aMatchingIfNoneMatchIsAnswered304(path: String) async throws {
        var configuration = TestToken.configuration
        configuration.cacheMaxAgeSeconds = 60
        try await withAPI(configuration) { client, _ in
            _ = try await client.ingest(visit())
            let first = try await client.get(path)
            let tag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "public, max-age=60")
            let again = try await client.get(path, headers: [.ifNoneMatch: "\"other\", W/\(tag)"])
            #expect(again.status == .notModified)
            #expect(again.headers[.eTag] == tag)
            #expect(again.body.readableBytes == 0)
            #expect(try await client.get("/v1/timeline?actor=CN").headers[.eTag] != tag)
        }
    }

    /// The write comes through a pool of its own, as from another daemon: the ETag, read from
    /// the database's change sequence, moves all the same, and the cached body is not served.
    @Test func aWriteFromAnotherConnectionChangesTheETagAndTheBody() async throws {
        try await TestDatabase.withPool { pool, database in
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
            let other = database.makePool(size: 1)
            try await withApplication(pool: pool) { client, _ in
                _ = try await client.ingest(visit("a", title: "First"))
                let before = try await client.get("/v1/timeline")
                #expect(try await client.get("/v1/timeline").headers[.eTag] == before.headers[.eTag])
                _ = try await EventIngestor(pool: other, logger: TestDatabase.logger)
                    .ingest([try JSONValue(parsing: visit("a", title: "Renamed"))])
                let after = try await client.get("/v1/timeline")
                #expect(after.headers[.eTag] != before.headers[.eTag])
                #expect(after.text.contains("Renamed"))
                let stale = try await client.get("/v1/timeline", headers: [.ifNoneMatch: before.headers[.eTag] ?? ""])
                #expect(stale.status == .ok)
            }
            await other.shutdown()
        }
    }

    @Test func aWriteThatRollsBackLeavesTheSequence() async throws {
        try await TestDatabase.withPool { pool, _ in
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
            let sequence = ChangeSequenceStore(pool: pool)
            let start = try await sequence.current()
            try await pool.query("INSERT INTO actors (id, name) VALUES ('ZZ', 'Zed')")
            #expect(try await sequence.current() == start + 1)
            await #expect(throws: (any Error).self) {
                try await pool.query("INSERT INTO actors (id, name) VALUES ('ZY', 'Y'), ('ZZ', 'again')")
            }
            #expect(try await sequence.current() == start + 1)
        }
    }

    @Test func theFeedAnnouncesEveryCommitToEveryListener() async throws {
        try await TestDatabase.withPool { pool, database in
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
            let feed = AgreementChangeFeed(connectionString: database.connectionString, logger: TestDatabase.logger, hearing: [.commits])
            defer { feed.stop() }
            var changes = feed.changes().makeAsyncIterator()
            #expect(await changes.next() == .resumed)
            try await pool.query("INSERT INTO actors (id, name) VALUES ('ZZ', 'Zed')")
            let sequence = try await ChangeSequenceStore(pool: pool).current()
            #expect(await changes.next() == .committed(sequence: sequence))
        }
    }
}

@Suite("Rendered response cache")
struct RenderedResponseCacheTests {
    private func body(_ bytes: Int) -> ByteBuffer { ByteBuffer(repeating: 0x61, count: bytes) }

    @Test func itStaysWithinItsBytesEvictingTheLeastRecentlyUsed() {
        let cache = RenderedResponseCache(maximumBytes: 10_000)
        for index in 0..<20 {
            cache.store("k\(index)", body: body(1_000), contentType: "x", sequence: 1)
            _ = cache.entry("k0")
        }
        #expect(cache.occupancy.bytes <= 10_000)
        #expect(cache.occupancy.entries == 9)
        #expect(cache.entry("k0") != nil)
        #expect(cache.entry("k19") != nil)
        #expect(cache.entry("k1") == nil)
    }

    /// Thousands of uses of one key between stores: eviction still goes by the last use of each.
    @Test func manyUsesOfOneKeyKeepTheOrderOfTheOthers() {
        // Room for five entries of 1,001 bytes (body and content type).
        let cache = RenderedResponseCache(maximumBytes: 5_010)
        for index in 0..<4 {
            cache.store("k\(index)", body: body(1_000), contentType: "x", sequence: 1)
            for _ in 0..<1_000 { _ = cache.entry("hot") }
        }
        cache.store("hot", body: body(1_000), contentType: "x", sequence: 1)
        _ = cache.entry("k0")
        for _ in 0..<1_000 { _ = cache.entry("hot") }
        cache.store("k4", body: body(1_000), contentType: "x", sequence: 1)
        cache.store("k5", body: body(1_000), contentType: "x", sequence: 1)
        #expect(cache.occupancy.entries == 5)
        #expect(cache.entry("k1") == nil)
        #expect(cache.entry("k2") == nil)
        for key in ["k0", "k3", "hot", "k4", "k5"] { #expect(cache.entry(key) != nil, "\(key)") }
    }

    @Test func aBodyOverAQuarterOfTheBudgetIsNotKept() {
        let cache = RenderedResponseCache(maximumBytes: 10_000)
        cache.store("big", body: body(3_000), contentType: "x", sequence: 1)
        #expect(cache.entry("big") == nil)
    }

    @Test func aCommitFreesWhatWasMadeBeforeIt() {
        let cache = RenderedResponseCache()
        cache.store("old", body: body(10), contentType: "x", sequence: 4)
        cache.store("new", body: body(10), contentType: "x", sequence: 5)
        cache.heard(.committed(sequence: 5))
        #expect(cache.entry("old") == nil)
        #expect(cache.entry("new") != nil)
        cache.store("late", body: body(10), contentType: "x", sequence: 4)
        #expect(cache.entry("late") == nil)
        cache.heard(.resumed)
        #expect(cache.occupancy.entries == 0)
    }
}
