import Foundation
import Postgres
import Testing
import TimelineCore
import TimelineStore

/// Contract §4: `extends_by` with no earlier expiry is rejected at ingest, the whole request with it.
@Suite("Ingest: extends_by needs an expiry")
struct ExtendsByIngestTests {
    static let pact = #"{"kind": "signing", "title": "Signed", "date": "2020-05-01", "agreement": {"id": "pact", "title": "A pact"}}"#
    static let extension2021 = #"{"kind": "extension", "title": "Extended", "date": "2021-01-01", "agreement": "pact", "extends_by": "P1Y"}"#

    @Test func anExtensionWithNothingToExtendIsA422IssueAndNothingIsStored() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let visit = #"{"kind": "visit", "title": "A visit", "date": "2020-06-01", "actors": ["FR"]}"#
            await #expect {
                try await ingestor.ingest([try record(Self.pact), try record(visit), try record(Self.extension2021)])
            } throws: { error in
                let issues = (error as? IngestError)?.issues ?? []
                return issues.count == 1 && issues[0].index == 2 && issues[0].field == "extends_by"
                    && issues[0].message.contains("has no expiry to extend")
            }
            let counts = try await tableCounts(pool)
            #expect(counts.values.allSatisfy { $0 == 0 })
        }
    }

    @Test func anExpiryStoredEarlierIsExtended() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            try await ingest(ingestor, [AlertPassSeedStoryTests.extensionRecord])
            let view = try await AgreementStore(pool: pool).agreement(
                id: "us-cn-sta", on: try day("2023-09-01"), defaultThresholds: defaultThresholds)
            let extended = try day("2024-02-27")
            #expect(view?.lifecycle.expiresOn == extended)
        }
    }

    @Test func anExpiryInTheSameRequestCountsWhenItAppliesEarlier() async throws {
        try await withMigratedDatabase { _, ingestor in
            let withExpiry = Self.pact.replacingOccurrences(of: #""date""#, with: #""expires_on": "2021-05-01", "date""#)
            try await ingest(ingestor, [Self.extension2021, withExpiry].reversed())
        }
    }

    @Test func anExpiryStoredButSetLaterDoesNotCount() async throws {
        try await withMigratedDatabase { pool, ingestor in
            try await ingest(ingestor, [
                #"{"kind": "signing", "title": "Signed", "date": "2022-05-01", "agreement": {"id": "pact", "title": "A pact"}, "expires_on": "2025-05-01"}"#
            ])
            let before = try await tableCounts(pool)
            await #expect {
                try await ingestor.ingest([try record(Self.extension2021)])
            } throws: { error in
                (error as? IngestError)?.issues.map(\.field) == ["extends_by"]
            }
            #expect(try await tableCounts(pool) == before)
        }
    }

    @Test func everyOffendingRecordIsListed() async throws {
        try await withMigratedDatabase { _, ingestor in
            let renewal = #"{"kind": "renewal", "title": "Renewed", "date": "2022-01-01", "agreement": "pact", "extends_by": "P5Y"}"#
            await #expect {
                try await ingestor.ingest([try record(Self.pact), try record(Self.extension2021), try record(renewal)])
            } throws: { error in
                (error as? IngestError)?.issues.map { "\($0.index ?? -1) \($0.field)" } == ["1 extends_by", "2 extends_by"]
            }
        }
    }
}
