import Foundation
import Synchronization
import TestSupport
import Testing

/// SIGTERM under load: what the daemon acknowledged is stored, whole; nothing is stored by
/// halves; the process exits 0.
@Suite("Draining on SIGTERM")
struct DrainTests {
    static let recordsPerRequest = 200

    final class Progress: Sendable {
        let nextRequest = Atomic<Int>(0)
        let acknowledged = Atomic<Int>(0)
        let stopping = Atomic<Bool>(false)
    }

    /// A body of keyless records, each titled after `request`, so the stored ones can be counted.
    static func body(request: Int) -> Data {
        let records = (0..<recordsPerRequest).map { index in
            #"{"kind": "meeting", "title": "drain \#(request) record \#(index)", "date": "2024-03-01", "tags": ["drain-\#(request)"]}"#
        }
        return Data("[\(records.joined(separator: ","))]".utf8)
    }

    @Test(.timeLimit(.minutes(3))) func whatWasAcknowledgedIsStoredWholeAndNothingByHalves() async throws {
        try await TestDatabase.withPool { pool, database in
            let port = try LocalHTTP.freePort()
            let daemon = try TimelinedBinary.start(["serve"], environment: [
                "TIMELINED_DATABASE_URL": database.connectionString.rawValue,
                "TIMELINED_HTTP_PORT": String(port),
            ])
            let log = Task { await daemon.standardErrorText() }
            #expect(await LocalHTTP.waitFor("http://127.0.0.1:\(port)/readyz", 200))

            let progress = Progress()
            // Each worker posts until the daemon stops answering; the answers: request number → status.
            let outcomes = try await withThrowingTaskGroup(of: [Int: Int?].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var outcomes: [Int: Int?] = [:]
                        while true {
                            let number = progress.nextRequest.add(1, ordering: .relaxed).oldValue
                            let status = try? await LocalHTTP.postEvents(port: port, Self.body(request: number))
                            outcomes[number] = status
                            if status == 200 { progress.acknowledged.add(1, ordering: .relaxed) }
                            if status != 200, progress.stopping.load(ordering: .relaxed) { return outcomes }
                        }
                    }
                }
                // Stop while the workers keep posting.
                while progress.acknowledged.load(ordering: .relaxed) < 8 {
                    try await Task.sleep(for: .milliseconds(20))
                }
                progress.stopping.store(true, ordering: .relaxed)
                kill(daemon.process.processIdentifier, SIGTERM)
                return try await group.reduce(into: [:]) { $0.merge($1) { first, _ in first } }
            }
            #expect(await daemon.exitStatus() == 0)
            _ = await log.value

            let stored = try await pool.query(
                "SELECT tag, count(*)::int8 FROM event_revisions, unnest(tags) AS tag WHERE superseded_at IS NULL AND tag LIKE 'drain-%' GROUP BY tag")
            var counts: [Int: Int] = [:]
            for row in stored {
                counts[Int(try row.string(0).dropFirst("drain-".count))!] = try row.int(1)
            }
            #expect(outcomes.values.filter { $0 == 200 }.count >= 8)
            for (number, status) in outcomes {
                if status == 200 {
                    #expect(counts[number] == Self.recordsPerRequest, "request \(number) was acknowledged")
                } else {
                    // Refused, or cut off without an answer: all of it or none, never a part.
                    #expect(counts[number] == nil || counts[number] == Self.recordsPerRequest, "request \(number)")
                }
            }
        }
    }
}
