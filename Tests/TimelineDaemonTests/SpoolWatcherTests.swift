import Foundation
import Postgres
import ServiceLifecycle
import TestSupport
import Testing
import TimelineCore
import TimelineStore

@testable import TimelineDaemon

/// `ingest.spool_dir` (docs/spool.md): real files in a temporary directory, a real database.
@Suite("Spool watcher")
struct SpoolWatcherTests {
    /// How many events have each title.
    private func eventsByTitle(_ pool: PostgresPool) async throws -> [String: Int] {
        let rows = try await pool.query("SELECT title, count(DISTINCT event_id) FROM event_revisions GROUP BY title")
        return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.string(0), try $0.int(1)) })
    }

    @Test(.timeLimit(.minutes(2))) func filesOfEachFormatAreStoredAndFiledWithTheirReceipts() async throws {
        try await withSpool { spool, pool, _ in
            let json = #"""
                [{"kind": "visit", "title": "JSON visit", "date": "2023-08-27", "actors": ["US", "CN"]},
                 {"key": "json-keyed", "kind": "meeting", "title": "JSON meeting", "date": "2023-08-28"}]
                """#
            try spool.drop("a.json", json)
            try spool.drop("b.ndjson", """
                {"kind": "statement", "title": "NDJSON statement", "date": "2023-07"}

                {"kind": "visit", "title": "NDJSON visit", "date": "2023", "tags": ["trade"]}
                """)
            try spool.drop("c.csv", #"""
                key,kind,title,date,actors,agreement,agreement_title,expires_on,tags,source_url
                ,signing,CSV signing,1979-01-31,US;CN:signatory,us-china-st,"US–China S&T Agreement, 1979",1984-01-31,science;treaty,https://example.org/st
                csv-extension,extension,"CSV ""extension""",2023-08-27,,us-china-st,,2024-02-27,,

                """#)
            let log = LogCapture()
            try await withSpoolWatcher(on: spool, pool: pool, log: log) {
                #expect(await eventually { spool.names(in: "processed").count == 6 })
            }
            #expect(spool.names() == ["failed", "processed"])
            #expect(spool.names(in: "failed").isEmpty)
            #expect(spool.names(in: "processed") == [
                "a.json", "a.json.receipt.json", "b.ndjson", "b.ndjson.receipt.json", "c.csv", "c.csv.receipt.json",
            ])

            let receipt = try spool.json("processed/a.json.receipt.json")
            #expect(receipt["file"] as? String == "a.json")
            #expect(receipt["sha256"] as? String == SpoolFileImporter.sha256(of: Data(json.utf8)))
            #expect((receipt["imported_at"] as? String)?.hasSuffix("Z") == true)
            #expect(receipt["counts"] as? [String: Int] == ["created": 2, "updated": 0, "unchanged": 0])
            let results = try #require(receipt["results"] as? [[String: Any]])
            #expect(results.map { $0["index"] as? Int } == [0, 1])
            #expect(results[0]["key"] is NSNull)
            #expect(results[1]["key"] as? String == "json-keyed")
            #expect(results.allSatisfy { $0["status"] as? String == "created" && $0["id"] is String })

            #expect(try await eventsByTitle(pool) == [
                "JSON visit": 1, "JSON meeting": 1, "NDJSON statement": 1, "NDJSON visit": 1,
                "CSV signing": 1, "CSV \"extension\"": 1,
            ])
            let agreement = try await pool.query("SELECT title FROM agreements WHERE id = 'us-china-st'")
            #expect(try agreement.first?.string(0) == "US–China S&T Agreement, 1979")
            let role = try await pool.query(
                "SELECT a.role FROM event_actors a JOIN event_revisions r USING (event_id, revision) WHERE r.title = 'CSV signing' AND a.actor_id = 'CN'")
            #expect(try role.map { try $0.string(0) } == ["signatory"])

            let lines = log.fileLines()
            for name in ["a.json", "b.ndjson", "c.csv"] {
                #expect(lines[name]?.level == .info)
                #expect(lines[name]?.metadata["outcome"] == "imported")
                #expect(lines[name]?.metadata["created"] == "2")
            }
        }
    }

    @Test(.timeLimit(.minutes(2))) func anInvalidFileIsFiledInFailedWithEveryErrorAndNothingIsStored() async throws {
        try await withSpool { spool, pool, _ in
            try spool.drop("bad.ndjson", """
                {"kind": "visit", "title": "Fine", "date": "2023-08-27"}
                {"kind": "visit", "title": "", "date": "2023-02-30"}
                {"kind": "parade", "title": "Unknown kind", "date": "2023-08-27"}
                """)
            try spool.drop("broken.csv", "kind,title,date\nvisit,\"never closed,2023\n")
            try spool.drop("columns.csv", "kind,titel,date\nvisit,x,2023\n")
            try spool.drop("empty.json", "[]")
            try spool.drop("unknown-agreement.json", #"""
                [{"kind": "visit", "title": "Fine", "date": "2023-08-27"},
                 {"kind": "renewal", "title": "Renewed", "date": "2024", "agreement": "nope"}]
                """#)
            let log = LogCapture()
            try await withSpoolWatcher(on: spool, pool: pool, log: log) {
                #expect(await eventually { spool.names(in: "failed").count == 10 })
            }
            #expect(spool.names() == ["failed", "processed"])
            #expect(spool.names(in: "processed").isEmpty)
            #expect(try await pool.query("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM spool_imports)")[0].int(0) == 0)

            let bad = try spool.json("failed/bad.ndjson.error.json")
            #expect(bad["file"] as? String == "bad.ndjson")
            #expect(bad["reason"] as? String == "invalid_records")
            #expect((bad["message"] as? String)?.hasPrefix("2 invalid record(s)") == true)
            let errors = try #require(bad["errors"] as? [[String: Any]])
            let named = Set(errors.map { "\($0["index"] as? Int ?? -1) \($0["field"] as? String ?? "")" })
            #expect(named == ["1 title", "1 date", "2 kind"])

            let broken = try spool.json("failed/broken.csv.error.json")
            #expect(broken["reason"] as? String == "malformed")
            let brokenErrors = try #require(broken["errors"] as? [[String: Any]])
            #expect(brokenErrors.count == 1 && brokenErrors[0]["line"] as? Int == 2)

            let columns = try #require(try spool.json("failed/columns.csv.error.json")["errors"] as? [[String: Any]])
            #expect((columns.first?["message"] as? String)?.contains("unknown column 'titel'") == true)

            let empty = try #require(try spool.json("failed/empty.json.error.json")["errors"] as? [[String: Any]])
            #expect(empty.first?["message"] as? String == "the file contains no records")

            let agreement = try #require(try spool.json("failed/unknown-agreement.json.error.json")["errors"] as? [[String: Any]])
            #expect(agreement.count == 1 && agreement[0]["index"] as? Int == 1 && agreement[0]["field"] as? String == "agreement")

            let lines = log.fileLines()
            #expect(lines.count == 5)
            #expect(lines.values.allSatisfy { $0.level == .warning && $0.metadata["outcome"] == "failed" })
            #expect(lines["bad.ndjson"]?.metadata["errors"] == "3")
        }
    }

    @Test(.timeLimit(.minutes(2))) func dotFilesOtherExtensionsAndDirectoriesAreLeftAlone() async throws {
        try await withSpool { spool, pool, _ in
            let record = #"{"kind": "visit", "title": "Ignored?", "date": "2023"}"#
            try Data(record.utf8).write(to: spool.url.appendingPathComponent(".half-written.json.tmp"))
            try Data(record.utf8).write(to: spool.url.appendingPathComponent(".hidden.json"))
            try Data(record.utf8).write(to: spool.url.appendingPathComponent("notes.txt"))
            try Data(record.utf8).write(to: spool.url.appendingPathComponent("README"))
            try FileManager.default.createDirectory(at: spool.url.appendingPathComponent("folder.json"), withIntermediateDirectories: false)
            // Named last, so the files before it in name order have had their turn when it is filed.
            try spool.drop("zz.json", #"{"kind": "visit", "title": "Taken", "date": "2023"}"#)
            try await withSpoolWatcher(on: spool, pool: pool, log: LogCapture()) {
                #expect(await eventually { spool.names(in: "processed") == ["zz.json", "zz.json.receipt.json"] })
            }
            #expect(spool.names() == [".half-written.json.tmp", ".hidden.json", "README", "failed", "folder.json", "notes.txt", "processed"])
            #expect(spool.names(in: "failed").isEmpty)
            #expect(try await eventsByTitle(pool) == ["Taken": 1])
        }
    }

    @Test(.timeLimit(.minutes(2))) func aNameDroppedAgainGetsANumberAndTheSameContentIsNotStoredTwice() async throws {
        try await withSpool { spool, pool, _ in
            let first = #"{"kind": "visit", "title": "First content", "date": "2023"}"#
            let log = LogCapture()
            try await withSpoolWatcher(on: spool, pool: pool, log: log) {
                try spool.drop("x.json", first)
                #expect(await eventually { spool.names(in: "processed").count == 2 })
                try spool.drop("x.json", first)
                #expect(await eventually { spool.names(in: "processed").count == 4 })
                try spool.drop("x.json", #"{"kind": "visit", "title": "Second content", "date": "2023"}"#)
                #expect(await eventually { spool.names(in: "processed").count == 6 })
            }
            #expect(spool.names(in: "processed") == [
                "x.2.json", "x.2.json.receipt.json", "x.3.json", "x.3.json.receipt.json", "x.json", "x.json.receipt.json",
            ])
            #expect(try await eventsByTitle(pool) == ["First content": 1, "Second content": 1])
            #expect(try spool.json("processed/x.2.json.receipt.json")["sha256"] as? String
                == spool.json("processed/x.json.receipt.json")["sha256"] as? String)
            let outcomes = log.all.compactMap { $0.metadata["outcome"] }
            #expect(outcomes == ["imported", "already_imported", "imported"])
        }
    }

    @Test(.timeLimit(.minutes(2))) func aFileStoredBeforeACrashIsFiledWithoutASecondImport() async throws {
        try await withSpool { spool, pool, _ in
            // What a daemon killed after the commit and after writing the receipt, but before
            // moving the file, leaves behind.
            let text = #"[{"kind": "visit", "title": "Once", "date": "2023"}, {"kind": "visit", "title": "Once too", "date": "2023"}]"#
            let digest = SpoolFileImporter.sha256(of: Data(text.utf8))
            let values = try RecordDocument.records(in: Data(text.utf8), format: .json)
            let stored = try await SpoolImportLedger(pool: pool).import(values, file: "crash.json", sha256: digest)
            try spool.drop("crash.json", text)
            try FileManager.default.createDirectory(at: spool.url.appendingPathComponent("processed"), withIntermediateDirectories: false)
            try Data(#"{"file": "crash.json", "sha256": "\#(digest)", "counts": {}}"#.utf8)
                .write(to: spool.url.appendingPathComponent("processed/crash.json.receipt.json"))

            let log = LogCapture()
            try await withSpoolWatcher(on: spool, pool: pool, log: log) {
                #expect(await eventually { spool.names(in: "processed").count == 2 && !spool.names().contains("crash.json") })
            }
            #expect(spool.names(in: "processed") == ["crash.json", "crash.json.receipt.json"])
            #expect(try await eventsByTitle(pool) == ["Once": 1, "Once too": 1])
            #expect(log.fileLines()["crash.json"]?.metadata["outcome"] == "already_imported")
            let receipt = try spool.json("processed/crash.json.receipt.json")
            #expect(receipt["imported_at"] as? String == stored.receipt.importedAt)
            #expect(receipt["counts"] as? [String: Int] == ["created": 2, "updated": 0, "unchanged": 0])
        }
    }

    @Test(.timeLimit(.minutes(2))) func duringADatabaseOutageFilesWaitInTheSpoolAndAreImportedOnceItIsBack() async throws {
        try await withSpool { spool, pool, database in
            // Connections to the test's database are refused, and the open ones ended, from the server's own database.
            let server = PostgresPool(
                configuration: .init(connectionString: ConnectionString(try await TestCluster.serverConnectionString()), size: 1),
                logger: TestDatabase.logger)
            func allowConnections(_ allowed: Bool) async throws {
                // The database name is made of hex digits only (TestDatabase.create).
                try await server.query("ALTER DATABASE \(database.name) ALLOW_CONNECTIONS \(allowed)")
                if !allowed {
                    try await server.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [database.name])
                }
            }
            let log = LogCapture()
            do {
                try await withSpoolWatcher(on: spool, pool: pool, log: log) {
                    try spool.drop("before.json", #"{"kind": "visit", "title": "Before", "date": "2023"}"#)
                    #expect(await eventually { spool.names(in: "processed").count == 2 })

                    try await allowConnections(false)
                    try spool.drop("during.json", #"{"kind": "visit", "title": "During", "date": "2023"}"#)
                    let deferred = { log.all.filter { $0.metadata["file"] == "during.json" && $0.metadata["outcome"] == "deferred" } }
                    // Tried more than once, and never given up on.
                    #expect(await eventually { deferred().count >= 2 })
                    #expect(deferred().allSatisfy { $0.level == .warning })
                    #expect(spool.names().contains("during.json"))
                    #expect(spool.names(in: "failed").isEmpty)

                    try await allowConnections(true)
                    #expect(await eventually { spool.names(in: "processed").count == 4 })
                }
            } catch {
                await server.shutdown()
                throw error
            }
            await server.shutdown()
            #expect(spool.names() == ["failed", "processed"])
            #expect(try await eventsByTitle(pool) == ["Before": 1, "During": 1])
        }
    }

    @Test(.timeLimit(.minutes(2))) func aGracefulShutdownFinishesTheFileInProgressAndStartsNoOther() async throws {
        try await withSpool { spool, pool, _ in
            for number in 0..<30 {
                let title = "Shutdown file \(number)"
                try spool.drop(String(format: "f%02d.json", number), #"[{"kind": "visit", "title": "\#(title)", "date": "2023"}]"#)
            }
            try await withSpoolWatcher(on: spool, pool: pool, log: LogCapture()) {
                #expect(await eventually { !spool.names(in: "processed").isEmpty })
            }
            // Every file is either wholly stored and filed, or untouched in the spool.
            let processed = Set(spool.names(in: "processed"))
            let stored = try await eventsByTitle(pool)
            for number in 0..<30 {
                let name = String(format: "f%02d.json", number)
                if processed.contains(name) {
                    #expect(processed.contains(name + ".receipt.json"))
                    #expect(stored["Shutdown file \(number)"] == 1)
                } else {
                    #expect(spool.names().contains(name))
                    #expect(stored["Shutdown file \(number)"] == nil)
                }
            }
            #expect(processed.count == 2 * stored.count)
        }
    }

    @Test(.timeLimit(.minutes(2))) func aFileLargerThanTheBodyLimitIsFiledInFailedUnread() async throws {
        try await withSpool { spool, pool, _ in
            let record = #"{"kind": "visit", "title": "Big", "date": "2023"}"# + "\n"
            try spool.drop("big.ndjson", String(repeating: record, count: 10))
            let log = LogCapture()
            try await withSpoolWatcher(on: spool, pool: pool, log: log, maxFileBytes: 100) {
                #expect(await eventually { spool.names(in: "failed") == ["big.ndjson", "big.ndjson.error.json"] })
            }
            let report = try spool.json("failed/big.ndjson.error.json")
            #expect(report["reason"] as? String == "too_large")
            #expect(report["sha256"] == nil)
            let message = try #require(report["message"] as? String)
            #expect(message.hasSuffix("more than the limit of 100 bytes (http.max_body_bytes); nothing was stored"))
            #expect(try await eventsByTitle(pool).isEmpty)
            #expect(log.fileLines()["big.ndjson"]?.metadata["reason"] == "too_large")
        }
    }

    @Test(.timeLimit(.minutes(2))) func aFailedDirectoryThatIsALinkIsAnErrorAtEveryScanAndNothingMoves() async throws {
        let elsewhere = try TestSpool()
        defer { elsewhere.remove() }
        try await withSpool { spool, pool, _ in
            try FileManager.default.createSymbolicLink(atPath: spool.path + "/failed", withDestinationPath: elsewhere.path)
            try spool.drop("bad.json", "[")
            let log = LogCapture()
            try await withSpoolWatcher(on: spool, pool: pool, log: log) {
                #expect(await eventually { errorLines(log).count >= 2 })
            }
            let errors = errorLines(log)
            #expect(errors.allSatisfy { $0.metadata["directory"] == spool.path + "/failed" })
            #expect(errors.first?.metadata["error"]?.contains("symbolic link") == true)
            #expect(elsewhere.names().isEmpty)
            #expect(spool.names() == ["bad.json", "failed", "processed"])
            #expect(log.fileLines()["bad.json"] == nil)
        }
    }

    private func errorLines(_ log: LogCapture) -> [LogCapture.Entry] {
        log.all.filter { $0.level == .error }
    }
}
