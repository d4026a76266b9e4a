import Foundation
import Postgres
import TestSupport
import Testing
import TimelineAlerts
import TimelineCore
import TimelineStore

/// Contract §9: candidates are stored and searchable, but stay out of everything that speaks for
/// confirmed events until a person confirms them.
@Suite("Curation")
struct CurationTests {
    /// A candidate signing that would expire within every threshold, and a candidate meeting of two
    /// actors the sample records know.
    static let candidates = [
        #"{"key": "gdelt-pact", "kind": "signing", "title": "Pact signed", "date": "2023-08-20", "agreement": {"id": "pact", "title": "A pact", "parties": ["US", "CN"]}, "expires_on": "2023-09-01", "status": "candidate"}"#,
        #"{"key": "gdelt-meeting", "kind": "meeting", "title": "Envoys meet in Beijing", "date": "2023-08-21", "actors": ["US", "CN"], "status": "candidate"}"#,
    ]

    @Test func candidatesAreStoredAndSearchableButLeftOutOfTimelinesActorsLifecyclesAndAlerts() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            let store = EventReadStore(pool: pool)
            let confirmed = keys(try body(try await store.timeline(TimelineQuery())))
            let usCount = try body(try await ActorStore(pool: pool).actor(id: "US"))["event_count"]

            let ids = try await ingest(ingestor, Self.candidates)
            #expect(keys(try body(try await store.timeline(TimelineQuery()))) == confirmed)
            #expect(keys(try body(try await store.timeline(.with { $0.actors = ["US", "CN"] }))).allSatisfy { !$0.hasPrefix("gdelt") })
            #expect(try body(try await ActorStore(pool: pool).actor(id: "US"))["event_count"] == usCount)
            #expect(try await AgreementStore(pool: pool).inputs(ids: ["pact"]).first?.events == [])
            #expect(try await run(AlertRound(pool: pool), on: days("2023-08-20", "2023-09-02")).filter { $0.hasSuffix("pact") } == [])

            let event = try body(try await store.event(id: ids[1]))
            #expect(event["status"] == "candidate" && event["origin"] == "person")
            let queue = try body(try await store.timeline(.with { $0.statuses = [.candidate] }))
            #expect(keys(queue) == ["gdelt-pact", "gdelt-meeting"])
            let searched = try body(try await store.timeline(.with { $0.statuses = [.candidate]; $0.text = "Beijing"; $0.actors = ["CN"] }))
            #expect(keys(searched) == ["gdelt-meeting"])
            let both = keys(try body(try await store.timeline(.with { $0.statuses = [.confirmed, .candidate]; $0.limit = 1000 })))
            #expect(Set(both) == Set(confirmed + ["gdelt-pact", "gdelt-meeting"]) && both.count == confirmed.count + 2)
            #expect(both.firstIndex(of: "gdelt-pact")! < both.firstIndex(of: "gdelt-meeting")!)
        }
    }

    @Test func theReviewQueueWalksWithCursorsAndCombinesWithFiltersByAnd() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            let records = (1...7).map { day in
                #"{"key": "c\#(day)", "kind": "\#(day % 2 == 0 ? "visit" : "meeting")", "title": "Candidate \#(day)", "date": "2023-07-0\#(day)", "status": "candidate"}"#
            }
            try await ingest(ingestor, records.reversed())
            let store = EventReadStore(pool: pool)
            var walked: [String] = []
            var cursor: TimelineCursor?
            repeat {
                let page = try body(try await store.timeline(.with { $0.statuses = [.candidate]; $0.order = .descending; $0.limit = 2; $0.cursor = cursor }))
                walked += keys(page)
                cursor = try page["next_cursor"]?.stringValue.map(TimelineCursor.init(encoded:))
            } while cursor != nil
            #expect(walked == (1...7).reversed().map { "c\($0)" })
            let visits = try body(try await store.timeline(.with { $0.statuses = [.candidate]; $0.kinds = [.visit]; $0.from = try PartialDate(parsing: "2023-07-03") }))
            #expect(keys(visits) == ["c4", "c6"])
        }
    }

    @Test(.timeLimit(.minutes(3))) func aConfirmationWithChangesEntersTheLifecycleAndTellsTheAlertEngines() async throws {
        try await TestDatabase.withPool { pool, database in
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
            let ingestor = EventIngestor(pool: pool, logger: TestDatabase.logger)
            _ = try await AgreementStore(pool: pool).upsert(AgreementMetadata(id: "pact", title: "A pact", parties: ["US", "CN"]))
            let id = try await ingest(ingestor, [
                #"{"key": "gdelt-57", "kind": "other", "title": "US and CN sign a pact", "date": "2023-08-20", "actors": ["US", "CN"], "status": "candidate"}"#,
            ], origin: .importer)[0]
            let feed = AgreementChangeFeed(connectionString: database.connectionString, logger: TestDatabase.logger)
            defer { feed.stop() }
            var changes = feed.changes().makeAsyncIterator()
            #expect(await changes.next() == .resumed)

            let outcome = try await EventConfirmer(pool: pool, logger: TestDatabase.logger).confirm(
                id: id, changes: try record(#"{"kind": "signing", "agreement": "pact", "expires_on": "2023-09-01"}"#))
            guard case .confirmed(let data) = outcome else { Issue.record("not confirmed: \(outcome)"); return }
            let document = try body(data)
            #expect(document["status"] == "confirmed" && document["kind"] == "signing" && document["revision"] == 2)
            #expect(document["origin"] == "person" && document["actors"] == ["US", "CN"])
            #expect(await changes.next() == .agreement("pact"))

            let events = try #require(try await AgreementStore(pool: pool).inputs(ids: ["pact"]).first?.events)
            #expect(events.map(\.eventID) == [String(id)] && events.map(\.kind) == [.signing])
            let history = try body(try await EventReadStore(pool: pool).revisions(id: id))["revisions"]?.arrayValue ?? []
            #expect(history.map { $0["status"] } == ["candidate", "confirmed"])
            #expect(history.map { $0["origin"] } == ["importer", "person"])
            #expect(keys(try body(try await EventReadStore(pool: pool).timeline(TimelineQuery()))) == ["gdelt-57"])
            #expect(try await run(AlertRound(pool: pool), on: [try day("2023-08-30")]) == ["2023-08-30 reached T=7 E=2023-09-01 d=2 pact"])
        }
    }

    @Test func onlyACandidateCanBeConfirmedAndAnInvalidChangeStoresNothing() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let ids = try await ingest(ingestor, [
                #"{"key": "kept", "kind": "visit", "title": "A visit", "date": "2023-08-27"}"#,
                #"{"key": "rejected", "kind": "visit", "title": "A visit", "date": "2023-08-27", "status": "candidate"}"#,
                #"{"key": "waiting", "kind": "other", "title": "A signing?", "date": "2023-08-27", "status": "candidate"}"#,
            ])
            let confirmer = EventConfirmer(pool: pool, logger: TestDatabase.logger)
            _ = try await EventRetractor(pool: pool, logger: TestDatabase.logger).retract(id: ids[1])
            #expect(try await confirmer.confirm(id: ids[0], changes: nil) == .notCandidate(retracted: false))
            #expect(try await confirmer.confirm(id: ids[1], changes: nil) == .notCandidate(retracted: true))
            #expect(try await confirmer.confirm(id: 999_999, changes: nil) == .notFound)

            let before = try await tableCounts(pool)
            for (changes, field) in [
                (#"{"kind": "signing"}"#, "agreement"), (#"{"agreement": "unknown-pact"}"#, "agreement"),
                (#"{"status": "candidate"}"#, "status"), (#"{"key": "other"}"#, "key"), (#"{"title": null}"#, "title"),
                (#"["kind"]"#, ""),
            ] {
                let error = await #expect(throws: IngestError.self) {
                    try await confirmer.confirm(id: ids[2], changes: try record(changes))
                }
                #expect(error?.issues.map(\.field) == [field], "\(changes)")
            }
            #expect(try await tableCounts(pool) == before)
            guard case .confirmed(let data) = try await confirmer.confirm(id: ids[2], changes: try record(#"{"summary": "Checked."}"#)) else {
                Issue.record("a candidate was not confirmed"); return
            }
            #expect(try body(data)["summary"] == "Checked.")
            #expect(try await confirmer.confirm(id: ids[2], changes: nil) == .notCandidate(retracted: false))
        }
    }

    @Test func asOfReadsTheStatusOfTheRevisionInForceThen() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let id = try await ingest(ingestor, [#"{"key": "later", "kind": "visit", "title": "A visit", "date": "2023-08-27", "status": "candidate"}"#])[0]
            let between = try RFC3339Timestamp(parsing: try await pool.query(
                "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")[0].string(0))
            _ = try await EventConfirmer(pool: pool, logger: TestDatabase.logger).confirm(id: id, changes: nil)
            let store = EventReadStore(pool: pool)
            #expect(keys(try body(try await store.timeline(.with { $0.asOf = between }))) == [])
            #expect(keys(try body(try await store.timeline(.with { $0.asOf = between; $0.statuses = [.candidate] }))) == ["later"])
            #expect(keys(try body(try await store.timeline(.with { $0.statuses = [.candidate] }))) == [])
            #expect(keys(try body(try await store.timeline(TimelineQuery()))) == ["later"])
        }
    }

    @Test func aLaterImportKeepsTheSourcesAnEarlierOneFound() async throws {
        try await withMigratedDatabase { pool, ingestor in
            func file(_ sources: [String], location: String) -> String {
                let list = sources.map { #"{"url": "https://news.example/\#($0)"}"# }.joined(separator: ", ")
                return #"{"key": "gdelt:visit:US-CN:2019-10-24", "kind": "visit", "title": "United States visit to China", "date": "2019-10-24", "location": "\#(location)", "sources": [\#(list)], "status": "candidate"}"#
            }
            func statuses(_ text: String) async throws -> [IngestResult.Status] {
                try await ingestor.ingest([try record(text)], origin: .importer).map(\.status)
            }
            #expect(try await statuses(file(["a", "b"], location: "Beijing")) == [.created])
            // A later file about the same event: its sources are added to the earlier ones, its
            // other fields are what it says now.
            #expect(try await statuses(file(["c", "a"], location: "Shanghai")) == [.updated])
            let id = try await eventID(key: "gdelt:visit:US-CN:2019-10-24", pool)
            let current = try body(try await EventReadStore(pool: pool).event(id: id))
            #expect(current["sources"]?.arrayValue?.compactMap { $0["url"]?.stringValue } == ["a", "b", "c"].map { "https://news.example/\($0)" })
            #expect(current["location"] == "Shanghai" && current["revision"] == 2)
            // Either file again: nothing new.
            #expect(try await statuses(file(["c", "a"], location: "Shanghai")) == [.unchanged])
            #expect(try await statuses(file(["b"], location: "Shanghai")) == [.unchanged])
        }
    }

    @Test func anImporterOnlyAddsSourcesToWhatAPersonDecided() async throws {
        try await withMigratedDatabase { pool, ingestor in
            func imported(_ kind: String, _ sources: [String], status: String = "candidate", key: String = "g1") -> String {
                let list = sources.map { #"{"url": "https://news.example/\#($0)"}"# }.joined(separator: ", ")
                return #"{"key": "\#(key)", "kind": "\#(kind)", "title": "Ministers meet", "date": "2023-08-27", "actors": ["US", "CN"], "sources": [\#(list)], "status": "\#(status)"}"#
            }
            func statuses(_ records: [String]) async throws -> [IngestResult.Status] {
                try await ingestor.ingest(records.map(record), origin: .importer).map(\.status)
            }
            #expect(try await statuses([imported("meeting", ["a"])]) == [.created])
            #expect(try await statuses([imported("meeting", ["a"])]) == [.unchanged])
            // Until a person decides, an importer revises its own candidate like any ingest.
            #expect(try await statuses([imported("visit", ["a"])]) == [.updated])
            let id = try await eventID(key: "g1", pool)
            _ = try await EventConfirmer(pool: pool, logger: TestDatabase.logger).confirm(id: id, changes: try record(#"{"kind": "meeting"}"#))

            #expect(try await statuses([imported("visit", ["a"]), imported("statement", [], status: "confirmed")]) == [.unchanged, .unchanged])
            #expect(try await statuses([imported("visit", ["b", "a"]), imported("visit", ["c"])]) == [.updated, .updated])
            let current = try body(try await EventReadStore(pool: pool).event(id: id))
            #expect(current["kind"] == "meeting" && current["status"] == "confirmed" && current["origin"] == "importer")
            #expect(current["sources"]?.arrayValue?.compactMap { $0["url"]?.stringValue } == ["a", "b", "c"].map { "https://news.example/\($0)" })
            #expect(try await statuses([imported("visit", ["c", "b"])]) == [.unchanged])

            // A rejection stands: new sources are kept, the event stays retracted.
            _ = try await EventRetractor(pool: pool, logger: TestDatabase.logger).retract(id: id)
            #expect(try await statuses([imported("meeting", ["a"])]) == [.unchanged])
            #expect(try await statuses([imported("meeting", ["d"])]) == [.updated])
            let rejected = try body(try await EventReadStore(pool: pool).event(id: id))
            #expect(rejected["retracted"] == true && rejected["sources"]?.arrayValue?.count == 4)
            // A person's ingest still decides: it brings the event back.
            #expect(try await ingestor.ingest([try record(imported("meeting", ["a"], status: "confirmed"))]).map(\.status) == [.updated])
            #expect(try body(try await EventReadStore(pool: pool).event(id: id))["retracted"] == false)
        }
    }
}

/// Ingests records given as JSON text as `origin`; returns the server's ids in the same order.
private func ingest(_ ingestor: EventIngestor, _ records: [String], origin: IngestOrigin) async throws -> [Int64] {
    try await ingestor.ingest(records.map(record), origin: origin).map { try #require(Int64($0.id)) }
}
