import Foundation
import Postgres
import Testing
import TimelineAlerts
import TimelineCore
import TimelineStore

/// The seed story end to end: the sample records through ingest, then daily passes as the daemon
/// runs them, with the six-month extension of 2023-08-27 ingested only days after the lapse.
@Suite("Alert pass: the seed story")
struct AlertPassSeedStoryTests {
    static let extensionRecord = """
        {"key": "us-cn-sta-extension-2023", "kind": "extension", "title": "Six-month extension of the Science and Technology Agreement",
         "date": "2023-08-27", "agreement": "us-cn-sta", "extends_by": "P6M", "actors": ["US", "CN"]}
        """

    @Test func eachNotificationOnceInOrderAndARerunDeliversNothing() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            let pass = AlertRound(pool: pool)
            var log = try await run(pass, on: try days("2023-08-01", "2023-09-01"))
            try await ingest(ingestor, [Self.extensionRecord])
            log += try await run(pass, on: try days("2023-09-02", "2024-03-10"))

            let expected = [
                "2023-08-27 due T=0 E=2023-08-27 d=0 us-cn-sta",
                "2023-08-28 expired E=2023-08-27 d=-1 us-cn-sta",
                "2023-09-02 extended E=2024-02-27 prev=2023-08-27 d=178 us-cn-sta",
                "2023-09-02 reached T=180 E=2024-02-27 d=178 us-cn-sta",
                "2023-11-29 reached T=90 E=2024-02-27 d=90 us-cn-sta",
                "2024-01-28 reached T=30 E=2024-02-27 d=30 us-cn-sta",
                "2024-02-20 reached T=7 E=2024-02-27 d=7 us-cn-sta",
                "2024-02-26 reached T=1 E=2024-02-27 d=1 us-cn-sta",
                "2024-02-27 due T=0 E=2024-02-27 d=0 us-cn-sta",
                "2024-02-28 expired E=2024-02-27 d=-1 us-cn-sta",
            ]
            #expect(log == expected)
            #expect(try await emittedRows(pool) == expected)

            // Every date again, in order and then a few out of order: nothing is delivered twice.
            #expect(try await run(pass, on: try days("2023-08-01", "2024-03-10")).isEmpty)
            #expect(try await run(pass, on: [try day("2024-02-27"), try day("2023-08-27"), try day("2023-11-29")]).isEmpty)
            #expect(try await emittedRows(pool) == expected)
        }
    }

    @Test func aDeliveredNotificationCarriesTheTitleAndTheDate() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            let delivered = try await AlertRound(pool: pool).run(on: try day("2023-08-27"), defaultThresholds: defaultThresholds)
            #expect(delivered == [
                DeliverableNotification(
                    agreementID: "us-cn-sta", title: "US–China Science and Technology Cooperation Agreement",
                    notification: ExpiryNotification(kind: .due, expiresOn: try day("2023-08-27"), threshold: 0, daysRemaining: 0),
                    evaluatedOn: try day("2023-08-27"))
            ])
        }
    }

    @Test func aPassOverSomeAgreementsLeavesTheOthersAlone() async throws {
        try await withMigratedDatabase { pool, ingestor in
            try await ingest(ingestor, [signing("a", expiresOn: "2024-01-10"), signing("b", expiresOn: "2024-01-10")])
            let pass = AlertRound(pool: pool)
            let date = try day("2024-01-03")
            #expect(try await pass.run(on: date, .agreements(["b"]), defaultThresholds: defaultThresholds).map(line)
                == ["2024-01-03 reached T=7 E=2024-01-10 d=7 b"])
            #expect(try await pass.run(on: date, defaultThresholds: defaultThresholds).map(line)
                == ["2024-01-03 reached T=7 E=2024-01-10 d=7 a"])
        }
    }
}
