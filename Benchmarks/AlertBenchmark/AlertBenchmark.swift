import ArgumentParser
import Foundation
import Postgres
import TestSupport
import TimelineAlerts
import TimelineCore
import TimelineStore

/// `swift run -c release AlertBenchmark --agreements N`: `AlertRound`s over a large database, the way the daemon's
/// engine runs them. Run it once per size to see how time and memory grow.
///
/// Five passes on one database: the first evaluation of every agreement, a full pass as at the
/// daemon's start (an `E` recorded for each, every reached threshold and lapse announced); the
/// next day as the hourly tick runs it, over the agreements due (the steady state: a few
/// notices); the day after that as a full pass, for comparison; that day again as a tick (nothing
/// new); and a month later as a tick.
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

        let pass = AlertRound(pool: pool)
        var milliseconds: [String: Int] = [:]
        for (label, date, scope) in [
            ("first evaluation, full", first, AlertScope.all), ("next day, due", first.adding(days: 1)!, .due(including: [])),
            ("the day after, full", first.adding(days: 2)!, .all), ("same day again, due", first.adding(days: 2)!, .due(including: [])),
            ("a month later, due", first.adding(days: 31)!, .due(including: [])),
        ] {
            var delivered = 0
            let seconds = try await BenchmarkOutput.measure {
                delivered = try await pass.run(on: date, scope, defaultThresholds: [180, 90, 30, 7, 1, 0]).count
            }
            milliseconds[label] = Int(seconds * 1000)
            let ledger = try await pool.query("SELECT count(*) FROM notifications")[0].int(0)
            BenchmarkOutput.report("pass on \(date) (\(label)): \(BenchmarkOutput.format(seconds)) s, \(delivered) delivered, ledger \(ledger) rows; peak RSS \(BenchmarkOutput.peakMemoryMegabytes()) MB")
        }
        await pool.shutdown()
        try await database.drop()
        if json {
            // steady_pass_ms is the pass the daemon runs every hour; full_pass_ms the one it runs at start and after a reconnection.
            let figures = [
                "first_pass_ms": milliseconds["first evaluation, full"]!, "steady_pass_ms": milliseconds["next day, due"]!,
                "full_pass_ms": milliseconds["the day after, full"]!,
            ]
            BenchmarkOutput.report(String(decoding: try JSONEncoder().encode(figures), as: UTF8.self))
        }
    }
}
