import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineCore
import TimelineStore

@Suite("GET /v1/timeline")
struct TimelineTests {
    /// Five events on distinct dates, answered in ingest order, which is also timeline order.
    static let dated = ["1979", "2023-06", "2023-06-18", "2023-08-27", "2024"]

    static func ingestDated(_ client: any TestClientProtocol) async throws -> [String] {
        try await client.ingest("[" + dated.map { visit(title: "On \($0)", date: $0) }.joined(separator: ",") + "]")
    }

    @Test func aPageIsSentAsPostgreSQLBuiltIt() async throws {
        try await withAPI { client, harness in
            _ = try await Self.ingestDated(client)
            let response = try await client.get("/v1/timeline?limit=2")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            var query = TimelineQuery()
            query.limit = 2
            #expect(Data(buffer: response.body) == (try await EventReadStore(pool: harness.pool).timeline(query)))
        }
    }

    @Test(arguments: [SortDirection.ascending, .descending])
    func aCursorWalkReturnsEveryEventOnceInOrder(order: SortDirection) async throws {
        try await withAPI { client, _ in
            let ids = try await Self.ingestDated(client)
            var walked: [String] = []
            var cursor: String?
            repeat {
                let uri = "/v1/timeline?order=\(order.rawValue)&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.get(uri).decoded(as: TimelinePage.self)
                #expect(page.events.count <= 2)
                walked += page.events.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil && walked.count <= ids.count
            #expect(walked == (order == .ascending ? ids : ids.reversed()))
        }
    }

    /// Each filter reaches the store; the store's own tests cover how each one selects.
    @Test func everyParameterIsApplied() async throws {
        try await withAPI { client, _ in
            let records = [
                #"{"key": "sign", "kind": "signing", "title": "Treaty signed", "date": "1979-01-31", "actors": ["US", "CN"], "agreement": {"id": "us-cn-sta", "title": "Science pact"}, "tags": ["science"]}"#,
                #"{"key": "meet", "kind": "meeting", "title": "Trade talks", "summary": "Tariffs and chips", "date": "2023-06", "actors": ["US", "JP"], "tags": ["trade"]}"#,
                #"{"key": "visit", "kind": "visit", "title": "State visit", "date": "2024-04-10", "actors": ["JP", "CN"]}"#,
            ]
            _ = try await client.ingest("[\(records.joined(separator: ","))]")
            let beforeUpdate = try await client.get("/v1/timeline").decoded(as: TimelinePage.self).events[0].recordedAt
            _ = try await client.ingest(#"{"key": "sign", "kind": "signing", "title": "Treaty signed again", "date": "1979-01-31", "agreement": "us-cn-sta"}"#)

            let cases: [(query: String, keys: [String])] = [
                ("", ["sign", "meet", "visit"]),
                ("actor=US", ["meet"]),
                ("actor=JP&actor=CN", ["visit"]),
                ("agreement=us-cn-sta", ["sign"]),
                ("kind=visit,meeting", ["meet", "visit"]),
                ("from=2023-06-30", ["meet", "visit"]),
                ("to=2023", ["sign", "meet"]),
                ("from=2023&to=2023-12", ["meet"]),
                ("q=tariffs", ["meet"]),
                ("tag=trade", ["meet"]),
                ("as_of=\(beforeUpdate)&actor=US", ["sign", "meet"]),
                ("order=desc", ["visit", "meet", "sign"]),
                ("limit=1", ["sign"]),
                ("limit=1000&order=asc", ["sign", "meet", "visit"]),
            ]
            for (query, keys) in cases {
                let response = try await client.get("/v1/timeline?\(query)")
                #expect(response.status == .ok, "\(query): \(response.text)")
                #expect(try response.decoded(as: TimelinePage.self).events.compactMap(\.key) == keys, "\(query)")
            }
        }
    }

    @Test(arguments: [
        ("actor=", "actor"), ("actor=US&actor=-x", "actor"), ("actor=a%20b", "actor"),
        ("agreement=Upper", "agreement"), ("agreement=", "agreement"),
        ("kind=", "kind"), ("kind=visit,party", "kind"), ("kind=visit,,meeting", "kind"), ("kind=Visit", "kind"),
        ("from=2023-02-30", "from"), ("from=0000", "from"), ("to=79", "to"), ("to=2023-8-1", "to"), ("to=2023-08-01T00:00:00Z", "to"),
        ("from=2024&to=2023-12", "from"), ("from=2023-12-31&to=2023-12-30", "from"),
        ("q=", "q"), ("q=a%00b", "q"), ("tag=", "tag"), ("tag=%00", "tag"),
        ("as_of=2023-08-27", "as_of"), ("as_of=2023-08-27T10:15:00", "as_of"), ("as_of=yesterday", "as_of"),
        ("order=up", "order"), ("order=ASC", "order"),
        ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=ten", "limit"), ("limit=", "limit"), ("limit=-1", "limit"),
        ("limit=99999999999999999999", "limit"),
        ("cursor=", "cursor"), ("cursor=not-a-cursor", "cursor"), ("cursor=YW50b255LWJsaW5rZW4", "cursor"),
        ("order=asc&order=desc", "order"), ("from=2023&from=2024", "from"), ("q=a&q=b", "q"),
        ("actors=US", "actors"), ("dry_run=1", "dry_run"),
    ])
    func aBadValueIs400NamingItsParameter(query: String, parameter: String) async throws {
        try await withAPI { client, _ in
            try await client.get("/v1/timeline?\(query)").expectInvalidParameter(parameter)
        }
    }

    @Test func aCursorMadeForTheOtherOrderIs400NamingIt() async throws {
        try await withAPI { client, _ in
            _ = try await Self.ingestDated(client)
            let cursor = try #require(try await client.get("/v1/timeline?limit=1").decoded(as: TimelinePage.self).nextCursor)
            try await client.get("/v1/timeline?order=desc&limit=1&cursor=\(cursor)").expectInvalidParameter("cursor")
            #expect(try await client.get("/v1/timeline?order=asc&limit=1&cursor=\(cursor)").status == .ok)
        }
    }

    @Test(arguments: ["from=2023&to=2023", "from=2023-12&to=2023", "from=2023-06-18&to=2023-06", "limit=1", "limit=1000", "kind=visit,visit"])
    func boundaryValuesAreAccepted(query: String) async throws {
        try await withAPI { client, _ in
            let response = try await client.get("/v1/timeline?\(query)")
            #expect(response.status == .ok, "\(response.text)")
        }
    }
}
