import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Contract §15: a record within the limits is stored — a summit of a hundred participants with
/// long ids among them — and found by every actor filter.
@Suite("Events with many actors")
struct ManyActorsTests {
    /// 64 characters that do not compress: PostgreSQL compresses a long index entry before
    /// measuring it, so repetitive ids would fit where real ones do not.
    private static func actorIDs(_ count: Int) -> [String] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var random = SeededRandom(seed: 2023)
        return (0..<count).map { _ in String((0..<64).map { _ in alphabet.randomElement(using: &random)! }) }
    }

    @Test(arguments: [45, 100])
    func aSummitOfLongActorIDsIsStoredAndFoundByAnyPairOfItsActors(count: Int) async throws {
        try await withAPI { client, _ in
            let actors = Self.actorIDs(count)
            #expect(actors.allSatisfy { $0.utf8.count == 64 })
            let summit = #"{"key": "summit", "kind": "meeting", "title": "A summit", "date": "2024-06-13", "actors": [\#(actors.map { "\"\($0)\"" }.joined(separator: ","))]}"#
            let ordinary = #"{"key": "pair", "kind": "visit", "title": "A visit", "date": "2024-06-14", "actors": ["\#(actors[0])", "US"]}"#
            let response = try await client.post("[\(summit), \(ordinary)]")
            #expect(response.status == .ok, "\(response.text.prefix(500))")

            func keys(_ query: String) async throws -> [String?] {
                try await client.get("/v1/timeline?\(query)").decoded(as: TimelinePage.self).events.map(\.key)
            }
            let first = actors[0], last = actors[count - 1]
            #expect(try await keys("actor=\(first)&actor=\(last)") == ["summit"])
            #expect(try await keys("actor=\(first)") == ["summit", "pair"])
            #expect(try await keys("actor=\(first)&actor=US") == ["pair"])
            #expect(try await keys("actor=\(last)&actor=US").isEmpty)
        }
    }
}
