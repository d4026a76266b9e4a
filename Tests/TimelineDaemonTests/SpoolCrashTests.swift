import Foundation
import Postgres
import TestSupport
import Testing

/// The spool's promise (docs/spool.md): a crash at any moment never loses a file and never
/// imports one twice. The real daemon, killed with SIGKILL at random points of an import.
@Suite("Spool crash")
struct SpoolCrashTests {
    private static let fileCount = 50

    /// File `number`'s records: keyless, so a second import of the file would create them again.
    private static func titles(of number: Int) -> [String] {
        (1...(2 + number % 2)).map { "Crash file \(number) event \($0)" }
    }

    /// JSON, NDJSON and CSV in turn.
    private static func file(_ number: Int) -> (name: String, text: String) {
        let titles = titles(of: number)
        let name = String(format: "batch-%02d", number)
        switch number % 3 {
        case 0:
            let records = titles.map { #"{"kind": "visit", "title": "\#($0)", "date": "2023-08-27", "actors": ["US"]}"# }
            return (name + ".json", "[" + records.joined(separator: ",\n") + "]\n")
        case 1:
            return (name + ".ndjson", titles.map { #"{"kind": "meeting", "title": "\#($0)", "date": "2023-07"}"# + "\n" }.joined())
        default:
            return (name + ".csv", "kind,title,date,actors\n" + titles.map { "statement,\($0),2023,US;CN\n" }.joined())
        }
    }

    /// The data files still waiting in the spool, and those filed in processed/.
    private static func progress(_ spool: TestSpool) -> (waiting: Int, processed: Int) {
        (spool.names().filter { $0.hasPrefix("batch-") }.count,
         spool.names(in: "processed").filter { !$0.hasSuffix(".receipt.json") && !$0.hasPrefix(".") }.count)
    }

    @Test(.timeLimit(.minutes(5))) func killedAtRandomMomentsTheDaemonStillImportsEveryFileExactlyOnce() async throws {
        try await TestDatabase.withPool { pool, database in
            let spool = try TestSpool()
            defer { spool.remove() }
            for number in 0..<Self.fileCount {
                let (name, text) = Self.file(number)
                try spool.drop(name, text)
            }
            func start() throws -> (daemon: RunningTimelined, log: Task<String, Never>, port: Int) {
                let port = try LocalHTTP.freePort()
                let daemon = try TimelinedBinary.start(["serve"], environment: [
                    "TIMELINED_DATABASE_URL": database.connectionString.rawValue,
                    "TIMELINED_INGEST_SPOOL_DIR": spool.path,
                    "TIMELINED_HTTP_PORT": String(port),
                ])
                // Both pipes are drained as the daemon writes, so it never blocks on a full one.
                Task { _ = await daemon.standardOutputText() }
                return (daemon, Task { await daemon.standardErrorText() }, port)
            }

            // Kill points: the first a random moment after the start (starting up, migrating, or
            // importing); the others a random few milliseconds after the restarted daemon has filed
            // its first file, so that they land anywhere in the import of a later one — reading
            // it, in its transaction, between the commit and the renames.
            let kills = Int.random(in: 3...6)
            var logs: [String] = []
            var killPoints: [String] = []
            for round in 0..<kills {
                let before = Self.progress(spool).processed
                let (daemon, log, _) = try start()
                if round == 0 {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 0...500)))
                } else {
                    let started = await eventually(within: 120, every: .milliseconds(2)) {
                        let progress = Self.progress(spool)
                        return progress.processed > before || progress.waiting == 0
                    }
                    #expect(started, "the restarted daemon filed nothing")
                    try await Task.sleep(for: .milliseconds(Int.random(in: 0...25)))
                }
                kill(daemon.process.processIdentifier, SIGKILL)
                _ = await daemon.exitStatus()
                logs.append(await log.value)
                let progress = Self.progress(spool)
                killPoints.append("\(progress.processed) filed, \(progress.waiting) waiting")
            }

            let (daemon, log, port) = try start()
            let finished = await eventually(within: 180) {
                let progress = Self.progress(spool)
                return progress.waiting == 0 && progress.processed == Self.fileCount
            }
            #expect(finished, "files left: \(spool.names())")
            // SIGTERM before the daemon has set up its signal handling would end it with the signal.
            #expect(await LocalHTTP.waitFor("http://127.0.0.1:\(port)/readyz", 200))
            kill(daemon.process.processIdentifier, SIGTERM)
            #expect(await daemon.exitStatus() == 0)
            logs.append(await log.value)

            let context = Comment(rawValue: "at the kills: \(killPoints.joined(separator: "; "))")
            // Every event exactly once.
            let rows = try await pool.query("SELECT title, count(DISTINCT event_id) FROM event_revisions GROUP BY title")
            let stored = Dictionary(uniqueKeysWithValues: try rows.map { (try $0.string(0), try $0.int(1)) })
            let expected = Dictionary(uniqueKeysWithValues: (0..<Self.fileCount).flatMap(Self.titles).map { ($0, 1) })
            #expect(stored == expected, context)
            #expect(try await pool.query("SELECT count(*) FROM spool_imports")[0].int(0) == Self.fileCount, context)

            // Every file filed once, with its receipt, and nothing else anywhere.
            let names = (0..<Self.fileCount).map { Self.file($0).name }
            #expect(spool.names(in: "processed") == (names + names.map { $0 + ".receipt.json" }).sorted(), context)
            #expect(spool.names() == ["failed", "processed"], context)
            #expect(spool.names(in: "failed").isEmpty, context)
            for (number, name) in names.enumerated() {
                let receipt = try spool.json("processed/\(name).receipt.json")
                #expect(receipt["file"] as? String == name)
                #expect((receipt["results"] as? [Any])?.count == Self.titles(of: number).count)
            }

            // Per the logs, no file was stored twice: every file has one "imported" line at most.
            let lines = logs.flatMap { $0.split(separator: "\n") }.filter { $0.contains("msg=\"spool file imported\"") }
            let imported = lines.filter { $0.contains("outcome=imported") }
            #expect(imported.count <= Self.fileCount, context)
            #expect(Set(imported.compactMap { $0.split(separator: " ").first { $0.hasPrefix("file=") } }).count == imported.count, context)
        }
    }
}
