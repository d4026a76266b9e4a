import Foundation
import Postgres
import TestSupport
import Testing
import TimelineCore

@testable import TimelineDaemon

/// GDELT export files in the spool (contract §10, docs/spool.md "GDELT files"): the real export
/// of docs/examples/gdelt, a real database.
@Suite("Spool GDELT files")
struct SpoolGdeltTests {
    /// (status, origin) → events whose current revision has them.
    private func currentRevisions(_ pool: PostgresPool) async throws -> [String: Int] {
        let rows = try await pool.query(
            "SELECT status || ' ' || origin, count(*) FROM event_revisions WHERE superseded_at IS NULL GROUP BY 1")
        return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.string(0), try $0.int(1)) })
    }

    private func summary(_ receipt: [String: Any]) throws -> [String: Any] {
        try #require(receipt["summary"] as? [String: Any])
    }

    @Test func gdeltNamesAreToldApartBeforeTheCSVRule() {
        #expect(SpoolDirectory.content(of: "20191024143000.export.CSV") == .gdelt(zipped: false))
        #expect(SpoolDirectory.content(of: "20191024143000.export.csv") == .gdelt(zipped: false))
        #expect(SpoolDirectory.content(of: "20191024143000.Export.CSV.ZIP") == .gdelt(zipped: true))
        #expect(SpoolDirectory.content(of: "events.csv") == .records(.csv))
        #expect(SpoolDirectory.content(of: "export.csv") == .records(.csv))
        #expect(SpoolDirectory.content(of: "events.zip") == nil)
        #expect(SpoolDirectory.content(of: ".20191024143000.export.CSV.zip") == nil)
    }

    @Test(.timeLimit(.minutes(3))) func theRealExportIsStoredAsCandidatesWithItsSummaryAsReceiptAndOnceOnly() async throws {
        try await withSpool { spool, pool, _ in
            let zipped = GdeltExample.name + ".zip"
            try spool.drop(zipped, try GdeltExample.zipped())
            let log = LogCapture()
            try await withSpoolWatcher(on: spool, pool: pool, log: log) {
                #expect(await eventually { spool.names(in: "processed").count == 2 })
                // The same rows under another name, unzipped: the same events, nothing new.
                try spool.drop("again.export.csv", try GdeltExample.plain())
                #expect(await eventually { spool.names(in: "processed").count == 4 })
            }
            #expect(spool.names() == ["failed", "processed"])
            #expect(spool.names(in: "failed").isEmpty)

            let receipt = try spool.json("processed/\(zipped).receipt.json")
            #expect(receipt["file"] as? String == zipped)
            #expect(receipt["sha256"] as? String == SpoolFileImporter.sha256(of: try GdeltExample.zipped()))
            #expect(receipt["counts"] as? [String: Int] == ["created": 49, "updated": 0, "unchanged": 0])
            #expect((receipt["results"] as? [Any])?.count == 49)
            let first = try summary(receipt)
            #expect(first["files"] as? Int == 1)
            #expect(first["rows"] as? [String: Int] == ["read": 2111, "taken": 160, "malformed": 0])
            #expect(first["events"] as? [String: Int] == ["created": 49, "updated": 0, "unchanged": 0])
            #expect((first["malformed_lines"] as? [Any])?.isEmpty == true)
            let skipped = try #require(first["skipped"] as? [String: Int])
            #expect(skipped.values.reduce(0, +) == 2111 - 160)

            let again = try summary(try spool.json("processed/again.export.csv.receipt.json"))
            #expect(again["rows"] as? [String: Int] == ["read": 2111, "taken": 160, "malformed": 0])
            #expect(again["events"] as? [String: Int] == ["created": 0, "updated": 0, "unchanged": 49])

            #expect(try await currentRevisions(pool) == ["candidate importer": 49])
            #expect(try await pool.query("SELECT count(*) FROM spool_imports")[0].int(0) == 2)
            #expect(log.fileLines()[zipped]?.metadata["created"] == "49")
        }
    }

    @Test(.timeLimit(.minutes(3))) func aCutFileIsImportedWithItsLastLineReportedMalformed() async throws {
        try await withSpool { spool, pool, _ in
            let plain = try GdeltExample.plain()
            let lastLineStart = try #require(plain.dropLast().lastIndex(of: UInt8(ascii: "\n"))) + 1
            let cut = plain.prefix(lastLineStart + 40)
            try spool.drop("cut.export.CSV", Data(cut))
            try await withSpoolWatcher(on: spool, pool: pool, log: LogCapture()) {
                #expect(await eventually { spool.names(in: "processed").count == 2 })
            }
            #expect(spool.names(in: "failed").isEmpty)
            let figures = try summary(try spool.json("processed/cut.export.CSV.receipt.json"))
            let rows = try #require(figures["rows"] as? [String: Int])
            #expect(rows["read"] == 2111 && rows["malformed"] == 1)
            let malformed = try #require(figures["malformed_lines"] as? [[String: Any]])
            #expect(malformed.count == 1)
            #expect(malformed.first?["file"] as? String == "cut.export.CSV")
            #expect(malformed.first?["line"] as? Int == 2111)
            #expect((malformed.first?["reason"] as? String)?.contains("no line feed") == true)
            let events = try #require(figures["events"] as? [String: Int])
            #expect(events["created"] == (try await currentRevisions(pool))["candidate importer"])
        }
    }

    @Test(.timeLimit(.minutes(3))) func aFileWithNothingToTakeIsStillImportedAndFiled() async throws {
        try await withSpool { spool, pool, _ in
            try spool.drop("damaged.export.CSV", "not\ta\tGDELT\trow\n")
            try await withSpoolWatcher(on: spool, pool: pool, log: LogCapture()) {
                #expect(await eventually { spool.names(in: "processed").count == 2 })
            }
            let receipt = try spool.json("processed/damaged.export.CSV.receipt.json")
            #expect((receipt["results"] as? [Any])?.isEmpty == true)
            let figures = try summary(receipt)
            #expect(figures["rows"] as? [String: Int] == ["read": 1, "taken": 0, "malformed": 1])
            #expect(figures["events"] as? [String: Int] == ["created": 0, "updated": 0, "unchanged": 0])
            #expect(try await pool.query("SELECT count(*) FROM spool_imports")[0].int(0) == 1)
            #expect(try await currentRevisions(pool).isEmpty)
        }
    }

    @Test(.timeLimit(.minutes(3))) func gdeltFilesAreHeldToTheImportLimitNotTheBodyLimit() async throws {
        try await withSpool { spool, pool, _ in
            let zipped = try GdeltExample.zipped()
            let plain = try GdeltExample.plain()
            try spool.drop("a.export.CSV.zip", zipped)
            try spool.drop("b.export.CSV", plain)
            let log = LogCapture()
            try await withSpoolWatcher(on: spool, pool: pool, log: log, maxFileBytes: 100, maxGdeltFileBytes: zipped.count) {
                #expect(await eventually { spool.names(in: "processed").count == 2 && spool.names(in: "failed").count == 2 })
            }
            #expect(spool.names(in: "processed") == ["a.export.CSV.zip", "a.export.CSV.zip.receipt.json"])
            #expect(spool.names(in: "failed") == ["b.export.CSV", "b.export.CSV.error.json"])
            let report = try spool.json("failed/b.export.CSV.error.json")
            #expect(report["reason"] as? String == "too_large")
            #expect(report["sha256"] == nil)
            let message = try #require(report["message"] as? String)
            #expect(message.hasSuffix(
                "it holds \(plain.count) bytes, more than the limit of \(zipped.count) bytes (import.max_file_bytes); nothing was stored"))
            #expect(try await pool.query("SELECT count(*) FROM spool_imports")[0].int(0) == 1)
        }
    }

    @Test(.timeLimit(.minutes(3))) func aGdeltNamedLinkIsNotFollowed() async throws {
        let outside = try TestSpool()
        defer { outside.remove() }
        try await withSpool { spool, pool, _ in
            try outside.drop(GdeltExample.name, try GdeltExample.plain())
            try FileManager.default.createSymbolicLink(
                atPath: spool.path + "/linked.export.CSV", withDestinationPath: outside.path + "/" + GdeltExample.name)
            try spool.drop("after.json", #"[{"kind": "visit", "title": "After the link", "date": "2023"}]"#)
            try await withSpoolWatcher(on: spool, pool: pool, log: LogCapture()) {
                #expect(await eventually { spool.names(in: "processed").count == 2 })
            }
            #expect(spool.names() == ["failed", "linked.export.CSV", "processed"])
            #expect(spool.names(in: "failed").isEmpty)
            #expect(outside.names() == [GdeltExample.name])
            #expect(try await currentRevisions(pool) == ["confirmed person": 1])
        }
    }
}
