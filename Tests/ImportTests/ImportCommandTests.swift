import Foundation
import TestSupport
import Testing
import TimelineAlerts
import TimelineCore
import TimelineImport

/// `timelined import wikidata` end to end: the binary, a real PostgreSQL, the lifecycle views and
/// the notifications that follow.
@Suite("Importing treaties from the command line")
struct ImportCommandTests {
    @Test(.timeLimit(.minutes(3))) func theSampleBecomesLifecyclesAndASecondImportChangesNothing() async throws {
        try await TestDatabase.withPool { pool, database in
            let command = try await ImportCommand.on(database)
            let first = try await command.summary(["--as-of", "2026-12-06", sampleFile.path])
            #expect(first["files"] == 1)
            #expect(first["rows"] == ["read": 62, "taken": 62, "malformed": 0])
            #expect(first["skipped"] == ["no_iso_code": 2, "unusable_date": 0, "no_dates": 0])
            #expect(first["events"] == ["created": 36, "updated": 0, "unchanged": 0])
            #expect(first["malformed_lines"] == [])

            // The Molotov–Ribbentrop Pact: signed, in force the next day, lapsed with the invasion of 1941.
            let pact = try await lifecycle("wd-q130796", on: "2026-12-06", pool)
            #expect(pact["title"] == "Molotov–Ribbentrop Pact")
            #expect(pact["parties"] == ["SU"])
            #expect(pact["signed_on"] == "1939-08-23")
            #expect(pact["in_force_from"] == "1939-08-24")
            #expect(pact["expires_on"] == "1941-06-22")
            #expect(pact["status"] == "expired")
            #expect(pact["history"]?.arrayValue?.map { $0["kind"] } == ["signing", "entry_into_force", "expiration"])
            // Signed on three days by four parties (the Dutch Republic has no ISO code): the earliest counts.
            let aixLaChapelle = try await lifecycle("wd-q156086", on: "2026-12-06", pool)
            #expect(aixLaChapelle["signed_on"] == "1748-10-18")
            #expect(aixLaChapelle["parties"] == ["GB", "FR", "ES", "AT"])
            #expect(aixLaChapelle["in_force_from"] == .null)
            let parisAgreement = try await lifecycle("wd-q21707860", on: "2026-12-06", pool)
            #expect(parisAgreement["in_force_from"] == "2016-11-04")
            #expect(parisAgreement["expires_on"] == .null)
            #expect(parisAgreement["status"] == "active")

            let revisions = try await revisionCount(pool)
            let second = try await command.summary(["--as-of", "2026-12-06", sampleFile.path])
            #expect(second["events"] == ["created": 0, "updated": 0, "unchanged": 36])
            #expect(try await revisionCount(pool) == revisions)
        }
    }

    @Test(.timeLimit(.minutes(3))) func datesChangedUpstreamMakeNewRevisionsAndTheNotificationsThatFollow() async throws {
        try await TestDatabase.withPool { pool, database in
            let command = try await ImportCommand.on(database)
            let alerts = AlertRound(pool: pool)
            func evaluate(_ date: String) async throws -> [String] {
                try await alerts.run(on: try CalendarDate(parsing: date), defaultThresholds: [180, 90, 30, 7, 1, 0]).map {
                    "\($0.notification.kind.rawValue) E=\($0.notification.expiresOn.map(String.init(describing:)) ?? "-")"
                        + " prev=\($0.notification.previousExpiresOn.map(String.init(describing:)) ?? "-")"
                }
            }
            func treaty(endingOn end: String) -> [UInt8] {
                resultsDocument([
                    ResultRow(signed: Time("2010-04-08"), start: Time("2011-02-05"), end: Time(end)).json,
                    ResultRow(signatory: "Q159", code: "RU", signed: Time("2010-04-08"), start: Time("2011-02-05"), end: Time(end)).json,
                ])
            }

            try await withFile(treaty(endingOn: "2026-02-05")) { file in
                let summary = try await command.summary(["--as-of", "2025-12-01", file])
                #expect(summary["events"] == ["created": 2, "updated": 0, "unchanged": 0])
            }
            _ = try await evaluate("2025-12-01")
            #expect(try await lifecycle("wd-q100", on: "2025-12-01", pool)["expires_on"] == "2026-02-05")

            // Upstream the treaty is extended by five years: the entry into force carries the new expiry.
            let revisions = try await revisionCount(pool)
            try await withFile(treaty(endingOn: "2031-02-05")) { file in
                let summary = try await command.summary(["--as-of", "2025-12-02", file])
                #expect(summary["events"] == ["created": 0, "updated": 1, "unchanged": 1])
            }
            #expect(try await revisionCount(pool) == revisions + 1)
            #expect(try await evaluate("2025-12-02") == ["extended E=2031-02-05 prev=2026-02-05"])

            // Once the end has passed, the same data is an expiration.
            try await withFile(treaty(endingOn: "2031-02-05")) { file in
                let summary = try await command.summary(["--as-of", "2031-02-06", file])
                #expect(summary["events"] == ["created": 1, "updated": 1, "unchanged": 1])
            }
            #expect(try await evaluate("2031-02-06") == ["expired E=2031-02-05 prev=-"])
            let view = try await lifecycle("wd-q100", on: "2031-02-06", pool)
            #expect(view["status"] == "expired")
            #expect(view["history"]?.arrayValue?.map { $0["kind"] } == ["signing", "entry_into_force", "expiration"])
        }
    }

    @Test(.timeLimit(.minutes(3))) func aSourceThatCannotBeReadMakesTheStatusNonZeroAfterTheOthers() async throws {
        try await TestDatabase.withPool { _, database in
            let command = try await ImportCommand.on(database)
            try await withFile(Array("not json".utf8)) { notJSON in
                let outcome = try await command.run(["--json", sampleFile.path, "/nonexistent/treaties.json", notJSON])
                #expect(outcome.status != 0)
                #expect(outcome.standardError.contains("/nonexistent/treaties.json: cannot read"))
                let summary = try JSONValue(parsing: outcome.standardOutput)
                #expect(summary["files"] == 2)
                #expect(summary["events"]?["created"] == 36)
                let malformed = try #require(summary["malformed_lines"]?.arrayValue)
                #expect(malformed.map { $0["file"] } == [.string(notJSON)])
                #expect(malformed.map { $0["line"] } == [0])
            }
        }
    }

    @Test(.timeLimit(.minutes(3))) func theTextSummaryNamesEveryFigure() async throws {
        try await TestDatabase.withPool { _, database in
            let command = try await ImportCommand.on(database)
            let outcome = try await command.run(["--as-of", "2026-12-06", sampleFile.path])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            #expect(outcome.standardOutput.contains("rows: 62 read, 62 taken, 0 malformed"))
            #expect(outcome.standardOutput.contains("skipped: 2 no_iso_code, 0 unusable_date, 0 no_dates"))
            #expect(outcome.standardOutput.contains("events: 36 created, 0 updated, 0 unchanged"))
        }
    }

    @Test func filesAndAnEndpointAreOneOrTheOther() async throws {
        let neither = try await TimelinedBinary.run(["import", "wikidata"], environment: [:])
        #expect(neither.status != 0)
        #expect(neither.standardError.contains("give either FILE… or --endpoint URL"))
        let both = try await TimelinedBinary.run(["import", "wikidata", "--endpoint", "http://127.0.0.1:1/sparql", "x.json"], environment: [:])
        #expect(both.status != 0)
    }
}
