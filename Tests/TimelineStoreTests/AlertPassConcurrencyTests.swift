import Foundation
import Postgres
import TestSupport
import Testing
import TimelineAlerts
import TimelineCore
import TimelineStore

/// Two daemons on one database, each with its own pool, evaluating the same dates at the same
/// time: the ledger's unique rows must hand every notification to exactly one of them. Which one
/// wins each race is up to the scheduler; a pass that delivered what it decided rather than what
/// it inserted makes both tests fail with duplicates.
@Suite("Alert pass: concurrent daemons")
struct AlertPassConcurrencyTests {
    /// Agreements whose thresholds, lapses, extensions and terminations fall inside the window.
    static func records() -> [String] {
        var records: [String] = []
        for number in 0..<40 {
            let agreement = "pact-\(number)"
            let expiry = try! day("2024-01-01").adding(days: number * 5)!
            records.append(signing(agreement, expiresOn: expiry.description))
            if number % 4 == 1 {
                records.append("""
                    {"kind": "extension", "title": "Extended", "date": "\(try! day("2023-12-01").adding(days: number)!)", \
                    "agreement": "\(agreement)", "extends_by": "P2M"}
                    """)
            }
            if number % 7 == 3 {
                records.append("""
                    {"kind": "termination", "title": "Ended", "date": "\(try! day("2024-01-15").adding(days: number)!)", \
                    "agreement": "\(agreement)"}
                    """)
            }
        }
        return records
    }

    @Test(.timeLimit(.minutes(5))) func everyNotificationIsDeliveredByExactlyOnePass() async throws {
        let dates = try days("2023-06-01", "2024-08-31").enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        let sequential = try await withMigratedDatabase { pool, ingestor in
            try await ingest(ingestor, Self.records())
            return Set(try await run(AlertRound(pool: pool), on: dates))
        }
        try await TestDatabase.withPool { pool, database in
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
            try await ingest(EventIngestor(pool: pool, logger: TestDatabase.logger), Self.records())
            let otherPool = database.makePool()
            // The second daemon starts a little later, so the two are at different dates as well
            // as at the same ones.
            async let first = run(AlertRound(pool: pool), on: dates)
            async let second = run(AlertRound(pool: otherPool), on: Array(dates.prefix(3)) + dates)
            let (firstLog, secondLog) = try await (first, second)
            await otherPool.shutdown()

            let delivered = firstLog + secondLog
            #expect(delivered.count == Set(delivered).count)
            let ledger = try await emittedRows(pool)
            #expect(ledger.count == delivered.count)
            #expect(Set(ledger) == Set(delivered))
            #expect(Set(delivered) == sequential)
        }
    }

    @Test(.timeLimit(.minutes(5))) func passesOnTheSameDateRacingEachOtherShareTheWork() async throws {
        try await TestDatabase.withPool { pool, database in
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
            try await ingest(EventIngestor(pool: pool, logger: TestDatabase.logger), Self.records())
            let otherPool = database.makePool()
            var delivered: [String] = []
            for date in try days("2023-07-01", "2024-07-31") {
                async let first = AlertRound(pool: pool).run(on: date, defaultThresholds: defaultThresholds)
                async let second = AlertRound(pool: otherPool).run(on: date, defaultThresholds: defaultThresholds)
                let (a, b) = try await (first, second)
                delivered += (a + b).map(line)
            }
            await otherPool.shutdown()
            #expect(delivered.count == Set(delivered).count)
            #expect(try await emittedRows(pool).sorted() == delivered.sorted())
        }
    }
}
