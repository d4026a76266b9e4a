import ArgumentParser
import Foundation
import Postgres
import TestSupport
import TimelineCore
import TimelineStore

/// `swift run -c release AlertBenchmark --agreements N`: one `AlertPass` over every agreement of a large database, the way the
/// daemon's engine runs it each hour. Run it once per size to see how time and memory grow.
///
/// Four passes on one database: the first evaluation of every agreement (an `E` recorded for each,
/// every reached threshold and lapse announced), the next day (the steady state: a few notices),
/// the same day again (nothing new), and a month later.
@main
struct AlertBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure an alert evaluation pass over many agreements.")

    @Option(help: "Agreements to generate.") var agreements = 100_000
    @Option(help: "The first date evaluated.") var date = "2024-01-01"
    @Flag(help: "End with one JSON line of the figures `make bench` records.") var json = false

    func run() async throws {
        let first = try CalendarDate(parsing: date)
        let database = try await TestDatabase.create()
        let pool = database.makePool(size: 2, statementTimeoutMilliseconds: 600_000)
        try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
        let generation = try await BenchmarkOutput.measure {
            try await pool.withTransaction { connection in try AgreementFixture.create(agreements, around: first, on: connection) }
        }
        let events = try await pool.query("SELECT count(*) FROM event_revisions")[0].int(0)
        BenchmarkOutput.report("generated \(agreements) agreements, \(events) lifecycle events in \(BenchmarkOutput.format(generation)) s; peak RSS \(BenchmarkOutput.peakMemoryMegabytes()) MB")

        let reads = try await BenchmarkOutput.measure { _ = try await AgreementStore(pool: pool).inputs() }
        BenchmarkOutput.report("inputs of every agreement read in \(BenchmarkOutput.format(reads)) s; peak RSS \(BenchmarkOutput.peakMemoryMegabytes()) MB")

        let pass = AlertPass(pool: pool)
        var milliseconds: [String: Int] = [:]
        for (label, date) in [
            ("first evaluation", first), ("next day", first.adding(days: 1)!), ("same day again", first.adding(days: 1)!),
            ("a month later", first.adding(days: 31)!),
        ] {
            var delivered = 0
            let seconds = try await BenchmarkOutput.measure {
                delivered = try await pass.run(on: date, defaultThresholds: [180, 90, 30, 7, 1, 0]).count
            }
            milliseconds[label] = milliseconds[label] ?? Int(seconds * 1000)
            let ledger = try await pool.query("SELECT count(*) FROM notifications")[0].int(0)
            BenchmarkOutput.report("pass on \(date) (\(label)): \(BenchmarkOutput.format(seconds)) s, \(delivered) delivered, ledger \(ledger) rows; peak RSS \(BenchmarkOutput.peakMemoryMegabytes()) MB")
        }
        await pool.shutdown()
        try await database.drop()
        if json {
            let figures = ["first_pass_ms": milliseconds["first evaluation"]!, "steady_pass_ms": milliseconds["next day"]!]
            BenchmarkOutput.report(String(decoding: try JSONEncoder().encode(figures), as: UTF8.self))
        }
    }
}
