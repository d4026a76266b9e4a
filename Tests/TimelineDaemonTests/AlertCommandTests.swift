import Foundation
import Postgres
import TestSupport
import Testing

/// `timelined alerts evaluate` — the engine's pass as a command — on the seed's story.
@Suite("Expiry alerts from the command line")
struct AlertCommandTests {
    private static var sampleFile: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/examples/sample-events.ndjson").path
    }

    /// The 1979 agreement lapsed on 2023-08-27 and lived on through a six-month extension.
    private static let extensionRecord = """
        {"key": "us-cn-sta-extension-2023", "kind": "extension", "title": "Six-month extension of the US–China Science and Technology Agreement", \
        "date": "2023-08-27", "agreement": "us-cn-sta", "extends_by": "P6M", "actors": ["US", "CN"]}

        """

    private func prepare(_ database: TestDatabase) async throws -> [String: String] {
        let environment = ["TIMELINED_DATABASE_URL": database.connectionString.rawValue]
        _ = try await TimelinedBinary.run(["migrate"], environment: environment)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("extension-\(UUID()).ndjson")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(Self.extensionRecord.utf8).write(to: file)
        let ingest = try await TimelinedBinary.run(["ingest", Self.sampleFile, file.path], environment: environment)
        #expect(ingest.status == 0, "\(ingest.standardError)")
        return environment
    }

    /// The `agreement expiry` lines of a log, as (level, event, expires_on, threshold).
    private func notifications(in log: String) -> [[String: String]] {
        log.split(separator: "\n").filter { $0.contains("msg=\"agreement expiry\"") }.map { line in
            var fields: [String: String] = [:]
            for match in line.matches(of: /(\w+)=("(?:[^"\\]|\\.)*"|\S*)/) {
                fields[String(match.1)] = String(match.2).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            return fields
        }
    }

    @Test(.timeLimit(.minutes(3))) func theSeedStoryNotifiesOnceEachInOrderAtTheRightLevels() async throws {
        try await TestDatabase.withPool { pool, database in
            let environment = try await prepare(database)
            let dates = ["2023-08-01", "2023-09-01", "2023-12-01", "2024-01-28", "2024-02-20", "2024-02-26", "2024-02-27", "2024-02-28", "2024-03-30"]
            var lines: [[String: String]] = []
            for date in dates {
                let outcome = try await TimelinedBinary.run(["alerts", "evaluate", "--as-of", date], environment: environment)
                #expect(outcome.status == 0, "\(outcome.standardError)")
                lines += notifications(in: outcome.standardError)
            }
            let summary = lines.map { "\($0["level"] ?? "?") \($0["event"] ?? "?") \($0["expires_on"] ?? "") \($0["threshold"] ?? "")" }
            #expect(summary == [
                "warning reached 2024-02-27 180",
                "warning reached 2024-02-27 90",
                "warning reached 2024-02-27 30",
                "warning reached 2024-02-27 7",
                "warning reached 2024-02-27 1",
                "warning due 2024-02-27 0",
                "error expired 2024-02-27 ",
            ])
            #expect(lines.allSatisfy { $0["agreement"] == "us-cn-sta" && $0["title"]?.contains("Science and Technology") == true })
            // Evaluating a date again emits nothing new.
            let again = try await TimelinedBinary.run(["alerts", "evaluate", "--as-of", "2024-02-28"], environment: environment)
            #expect(notifications(in: again.standardError).isEmpty)
            #expect(try await pool.query("SELECT count(*) FROM notifications WHERE NOT skipped")[0].int(0) == 7)
        }
    }

    @Test(.timeLimit(.minutes(3))) func twoEnginesOnOneDatabaseEmitEveryNotificationExactlyOnce() async throws {
        try await TestDatabase.withPool { pool, database in
            let environment = try await prepare(database)
            var union: [[String: String]] = []
            for date in ["2023-08-31", "2023-11-29", "2024-01-28", "2024-02-20", "2024-02-26", "2024-02-27", "2024-02-28"] {
                async let first = TimelinedBinary.run(["alerts", "evaluate", "--as-of", date], environment: environment)
                async let second = TimelinedBinary.run(["alerts", "evaluate", "--as-of", date], environment: environment)
                for outcome in try await [first, second] {
                    #expect(outcome.status == 0, "\(outcome.standardError)")
                    union += notifications(in: outcome.standardError)
                }
            }
            let ledger = try await pool.query(
                "SELECT event, coalesce(threshold::text, '') FROM notifications WHERE NOT skipped ORDER BY id"
            ).map { "\(try $0.string(0)) \(try $0.string(1))" }
            let logged = union.map { "\($0["event"] ?? "?") \($0["threshold"] ?? "")" }
            #expect(ledger.count == 7)
            #expect(logged.sorted() == ledger.sorted())
        }
    }

    @Test func theListShowsTheExtendedExpiry() async throws {
        try await TestDatabase.withPool { _, database in
            let environment = try await prepare(database)
            let outcome = try await TimelinedBinary.run(["alerts", "list", "--as-of", "2024-02-01", "--json"], environment: environment)
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any]
            let alerts = json?["alerts"] as? [[String: Any]]
            #expect(alerts?.first?["agreement"] as? String == "us-cn-sta")
            #expect(alerts?.first?["expires_on"] as? String == "2024-02-27")
            #expect(alerts?.first?["days_remaining"] as? Int == 26)
            #expect(alerts?.first?["next_threshold"] as? Int == 7)
        }
    }
}
