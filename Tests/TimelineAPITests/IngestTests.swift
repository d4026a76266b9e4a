import Hummingbird
import HummingbirdTesting
import Testing
import TimelineAPI

@Suite("POST /v1/events")
struct IngestTests {
    @Test func oneObjectIsCreatedThenUnchangedThenUpdated() async throws {
        try await withAPI { client, _ in
            let created = try await client.post(visit("k1"))
            #expect(created.status == .ok)
            #expect(created.headers[.contentType] == "application/json; charset=utf-8")
            let first = try created.decoded(as: IngestResults.self).results
            #expect(first.count == 1)
            #expect(first[0].index == 0 && first[0].key == "k1" && first[0].status == "created" && !first[0].id.isEmpty)

            let again = try await client.post(visit("k1")).decoded(as: IngestResults.self).results
            #expect(again[0].status == "unchanged" && again[0].id == first[0].id)

            let changed = try await client.post(visit("k1", title: "A longer visit")).decoded(as: IngestResults.self).results
            #expect(changed[0].status == "updated" && changed[0].id == first[0].id)
        }
    }

    @Test func anArrayAnswersEveryRecordInOrderWithANullKeyWhereNoneWasGiven() async throws {
        try await withAPI { client, _ in
            let response = try await client.post("[\(visit("a")), \(visit()), \(visit("b"))]")
            #expect(response.status == .ok)
            let results = try response.decoded(as: IngestResults.self).results
            #expect(results.map(\.index) == [0, 1, 2])
            #expect(results.map(\.key) == ["a", nil, "b"])
            #expect(results.allSatisfy { $0.status == "created" })
            #expect(response.text.contains(#""key":null"#))
        }
    }

    @Test func ndjsonIsOneRecordALineWithBlankLinesAndCRLFTolerated() async throws {
        try await withAPI { client, harness in
            let body = "\(visit("n1"))\r\n\n   \n\(visit("n2"))\n\(visit("n3"))"
            let response = try await client.post(body, headers: Body.ndjson)
            #expect(response.status == .ok)
            let results = try response.decoded(as: IngestResults.self).results
            #expect(results.map(\.key) == ["n1", "n2", "n3"])
            #expect(try await harness.pool.query("SELECT count(*) FROM events")[0].int(0) == 3)
        }
    }

    @Test func aCharsetParameterIsTolerated() async throws {
        try await withAPI { client, _ in
            let json = try await client.post(visit("c1"), headers: [.contentType: "application/json; charset=UTF-8"])
            #expect(json.status == .ok)
            let ndjson = try await client.post(visit("c2"), headers: [.contentType: #"Application/X-NDJSON ; charset="utf-8""#])
            #expect(ndjson.status == .ok)
        }
    }

    @Test func invalidRecordsAre422ListingEveryIssueAndNothingIsStored() async throws {
        try await withAPI { client, harness in
            let body = """
                [\(visit("good")), {"kind": "visit", "title": "", "date": "2023-02-30"}, \(visit("fine")), {"kind": "party", "title": "x", "date": "2023", "colour": "red"}]
                """
            let response = try await client.post(body)
            #expect(response.status == .unprocessableContent)
            let problem = try response.problem()
            #expect(problem.type == "urn:timelined:problem:invalid-records")
            let issues = try #require(problem.errors)
            #expect(issues.contains { $0.index == 1 && $0.field == "title" })
            #expect(issues.contains { $0.index == 1 && $0.field == "date" })
            #expect(issues.contains { $0.index == 3 && $0.field == "kind" })
            #expect(issues.contains { $0.index == 3 && $0.field == "colour" })
            #expect(issues.allSatisfy { $0.index == 1 || $0.index == 3 })
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    @Test func invalidNDJSONRecordsAreIndexedByRecordNotLine() async throws {
        try await withAPI { client, harness in
            let response = try await client.post("\(visit("a"))\n\n{\"kind\": \"visit\"}\n", headers: Body.ndjson)
            #expect(response.status == .unprocessableContent)
            let issues = try #require(try response.problem().errors)
            #expect(issues.contains { $0.index == 1 && $0.field == "title" })
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    @Test func malformedJSONIs400WithLineAndColumn() async throws {
        try await withAPI { client, harness in
            let response = try await client.post("[\n  \(visit("a")),\n  {\"kind\": \"visit\" \"title\": \"x\"}\n]")
            #expect(response.status == .badRequest)
            let problem = try response.problem()
            #expect(problem.type == "urn:timelined:problem:malformed-body")
            #expect(problem.detail.contains("line 3, column 20"), "\(problem.detail)")
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    @Test func malformedNDJSONIs400NamingTheLine() async throws {
        try await withAPI { client, harness in
            let response = try await client.post("\(visit("a"))\n\(visit("b"))\n{\"kind\": }\n\(visit("c"))\n", headers: Body.ndjson)
            #expect(response.status == .badRequest)
            let problem = try response.problem()
            #expect(problem.detail.hasPrefix("line 3: invalid JSON at column 10"), "\(problem.detail)")
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    @Test func aBodyThatIsNotARecordOrArrayIs400() async throws {
        try await withAPI { client, _ in
            let scalar = try await client.post("42")
            let empty = try await client.post("")
            #expect(scalar.status == .badRequest && empty.status == .badRequest)
        }
    }

    /// An empty body is not JSON (400); `[]` and blank NDJSON are well-formed but hold no record (422).
    @Test func wellFormedBodiesWithoutRecordsAre422() async throws {
        try await withAPI { client, _ in
            for (headers, body) in [(Body.json, "[]"), (Body.ndjson, ""), (Body.ndjson, "\n \n")] {
                let response = try await client.post(body, headers: headers)
                #expect(response.status == .unprocessableContent)
                #expect(try response.problem().errors?.first?.message == "the request contains no records")
            }
        }
    }

    @Test func nastyInputNeverAnswers5xx() async throws {
        try await withAPI { client, _ in
            let bodies = [
                #"{"kind": "visit", "title": "nul \u0000 inside", "date": "2023"}"#,
                #"{"kind": "visit", "title": "x", "date": "2023", "title": "twice"}"#,
                String(repeating: "[", count: 10_000),
                #"{"kind": "visit", "title": "x", "date": "9999-12-31", "end_date": "0001"}"#,
                #"{"kind": "visit", "title": "\#(String(repeating: "é", count: 600))", "date": "2023"}"#,
                #"{"kind": "visit", "title": "x", "date": "2023", "actors": [{"id": null}], "sources": [{}]}"#,
                "\u{FEFF}" + visit(),
                "\u{FF}\u{FE}",
            ]
            for body in bodies {
                let status = try await client.post(body).status
                #expect(status.code < 500, "\(body.prefix(80)): \(status)")
            }
        }
    }
}
