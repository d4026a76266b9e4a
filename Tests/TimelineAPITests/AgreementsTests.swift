import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineAPI
import TimelineCore
import TimelineStore

@Suite("/v1/agreements")
struct AgreementsTests {
    /// §4 on the seed story: E = 2023-08-27 (the lapse) + P6M, 179 days away on 2023-09-01, within
    /// the largest default threshold of 180.
    @Test func theSeedAgreementIsExpiringOnTheFirstOfSeptember() async throws {
        try await withAPI { client, harness in
            let extensionID = try await SeedAgreement.ingest(into: client)
            let response = try await client.get("/v1/agreements/us-cn-sta?as_of=2023-09-01")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let view = try response.decoded(as: LifecycleDocument.self)
            #expect(view.id == SeedAgreement.id && view.title == SeedAgreement.title)
            #expect(view.parties == ["US", "CN"])
            #expect(view.asOf == "2023-09-01")
            #expect(view.signedOn == "1979" && view.inForceFrom == nil)
            #expect(view.expiresOn == SeedAgreement.expiresOn)
            #expect(view.status == "expiring" && view.daysRemaining == 179)
            #expect(view.alertDays == [180, 90, 30, 7, 1, 0])
            #expect(view.history.map(\.kind) == ["signing", "expiration", "extension"])
            #expect(view.history.map(\.expiresOn) == [nil, "2023-08-27", SeedAgreement.expiresOn])
            #expect(view.history.last?.event == extensionID)
            #expect(response.text.contains(#""in_force_from":null"#), "unknown values are null, not left out")

            let store = AgreementStore(pool: harness.pool)
            let expected = try #require(try await store.agreement(
                id: SeedAgreement.id, on: CalendarFixture.day("2023-09-01"), defaultThresholds: AlertSettings().thresholds))
            #expect(try response.decoded(as: LifecycleDocument.self) == (try Self.roundTrip(expected)))
        }
    }

    @Test func asOfMovesTheEvaluationDay() async throws {
        try await withAPI { client, _ in
            _ = try await SeedAgreement.ingest(into: client)
            let cases: [(String, String, Int?, String?)] = [
                ("2023-08-01", "active", nil, nil),
                ("2023-08-27", "active", 184, SeedAgreement.expiresOn),
                ("2023-08-31", "expiring", 180, SeedAgreement.expiresOn),
                ("2024-02-27", "expiring", 0, SeedAgreement.expiresOn),
                ("2024-02-28", "expired", -1, SeedAgreement.expiresOn),
            ]
            for (asOf, status, days, expiresOn) in cases {
                let view = try await client.get("/v1/agreements/us-cn-sta?as_of=\(asOf)").decoded(as: LifecycleDocument.self)
                #expect(view.status == status && view.daysRemaining == days && view.expiresOn == expiresOn, "\(asOf)")
            }
        }
    }

    /// Without `as_of`, "today" is taken in `alerts.time_zone`: UTC+14 is a day ahead of UTC for
    /// most of it, so a zone-blind implementation shows.
    @Test func withoutAsOfTodayIsTakenInTheConfiguredZone() async throws {
        let zone = try #require(TimeZone(identifier: "Pacific/Kiritimati"))
        let configuration = APIConfiguration(tokenHashes: [TestToken.hash], alerts: AlertSettings(timeZone: zone))
        try await withAPI(configuration) { client, _ in
            _ = try await client.post(agreementBody("a"), to: "/v1/agreements")
            let before = try #require(CalendarDate(Date(), in: zone)).description
            let one = try await client.get("/v1/agreements/a").decoded(as: LifecycleDocument.self)
            let list = try await client.get("/v1/agreements").decoded(as: AgreementListDocument.self)
            let alerts = try await client.get("/v1/alerts").decoded(as: AlertListDocument.self)
            let after = try #require(CalendarDate(Date(), in: zone)).description
            for asOf in [one.asOf, list.agreements[0].asOf, alerts.asOf] {
                #expect(asOf == before || asOf == after, "\(asOf) is not today in \(zone.identifier)")
            }
        }
    }

    @Test func postingCreatesThenLeavesUnchangedThenUpdates() async throws {
        try await withAPI { client, harness in
            let created = try await client.post(agreementBody("pact", alertDays: [30, 7]), to: "/v1/agreements")
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/v1/agreements/pact")
            #expect(created.headers[.contentType] == "application/json; charset=utf-8")
            let view = try created.decoded(as: LifecycleDocument.self)
            #expect(view.id == "pact" && view.title == "An agreement" && view.status == "active")
            #expect(view.alertDays == [30, 7] && view.expiresOn == nil && view.history.isEmpty)

            let again = try await client.post(agreementBody("pact", alertDays: [30, 7]), to: "/v1/agreements")
            #expect(again.status == .ok)
            #expect(again.headers[.location] == nil)
            #expect(try again.decoded(as: LifecycleDocument.self) == view)

            let renamed = try await client.post(agreementBody("pact", title: "A renamed agreement"), to: "/v1/agreements")
            #expect(renamed.status == .ok)
            let updated = try renamed.decoded(as: LifecycleDocument.self)
            #expect(updated.title == "A renamed agreement")
            #expect(updated.alertDays == [30, 7], "alert_days left out keeps the stored ones")
            #expect(try await harness.pool.query("SELECT count(*) FROM agreements")[0].int(0) == 1)
        }
    }

    @Test func partiesAndAlertDaysApplyToTheSeedAgreement() async throws {
        try await withAPI { client, _ in
            _ = try await SeedAgreement.ingest(into: client)
            let body = #"{"id": "us-cn-sta", "title": "\#(SeedAgreement.title)", "parties": ["CN", "US", "EU"], "alert_days": [90, 30]}"#
            let response = try await client.post(body, to: "/v1/agreements")
            #expect(response.status == .ok)
            let view = try response.decoded(as: LifecycleDocument.self)
            #expect(view.parties == ["CN", "US", "EU"] && view.alertDays == [90, 30])
            let onFirstOfSeptember = try await client.get("/v1/agreements/us-cn-sta?as_of=2023-09-01").decoded(as: LifecycleDocument.self)
            #expect(onFirstOfSeptember.status == "active", "179 days is beyond its own largest threshold, 90")
            #expect(try await client.get("/v1/actors/EU").status == .ok)
        }
    }

    /// Contract §3: every issue at once, each naming its field, none with an index (one record).
    @Test func anInvalidAgreementIs422ListingEveryIssueAndNothingIsStored() async throws {
        try await withAPI { client, harness in
            let body = #"{"id": "Not An Id", "title": "  ", "parties": ["US", "US"], "alert_days": [7, -1, 7.5, 7], "colour": "red"}"#
            let response = try await client.post(body, to: "/v1/agreements")
            #expect(response.status == .unprocessableContent)
            let problem = try response.problem()
            #expect(problem.type == "urn:timelined:problem:invalid-records")
            let issues = try #require(problem.errors)
            #expect(issues.allSatisfy { $0.index == nil })
            #expect(!response.text.contains(#""index""#))
            #expect(Set(issues.map(\.field)).isSuperset(of: ["id", "title", "parties[1]", "alert_days[1]", "alert_days[2]", "alert_days[3]", "colour"]))

            for (body, field) in [(#"{"title": "No id"}"#, "id"), ("[]", ""), (#""us-cn-sta""#, "")] {
                let refused = try await client.post(body, to: "/v1/agreements")
                #expect(refused.status == .unprocessableContent, "\(body)")
                #expect(try refused.problem().errors?.map(\.field).contains(field) == true, "\(body): \(refused.text)")
            }
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    @Test func malformedTooLargeOrNonJSONBodiesAreRefusedLikeIngest() async throws {
        try await withAPI(APIConfiguration(maxBodyBytes: 100, tokenHashes: [TestToken.hash])) { client, harness in
            for body in [#"{"id": "a", "title": "#, "", "{} {}"] {
                let malformed = try await client.post(body, to: "/v1/agreements")
                #expect(malformed.status == .badRequest, "\(body)")
                #expect(try malformed.problem().type == "urn:timelined:problem:malformed-body")
            }
            let ndjson = try await client.post(agreementBody("a"), to: "/v1/agreements", headers: Body.ndjson)
            #expect(ndjson.status == .unsupportedMediaType)
            #expect(try ndjson.problem().detail.contains("application/json"))
            let untyped = try await client.post(agreementBody("a"), to: "/v1/agreements", headers: [:])
            #expect(untyped.status == .unsupportedMediaType)
            let large = try await client.post(agreementBody("a", title: String(repeating: "x", count: 100)), to: "/v1/agreements")
            #expect(large.status == .contentTooLarge)
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    @Test func writingNeedsTheTokenWhenTokensAreConfigured() async throws {
        try await withAPI(APIConfiguration(tokenHashes: [TestToken.hash])) { client, harness in
            let missing = try await client.post(agreementBody("a"), to: "/v1/agreements", authorized: false)
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            var headers = Body.json
            headers[.authorization] = "Bearer wrong"
            let wrong = try await client.post(agreementBody("a"), to: "/v1/agreements", headers: headers)
            #expect(wrong.status == .unauthorized)
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    /// The router-only client names no peer, which counts as not loopback.
    @Test func writingFromAnotherHostWithoutConfiguredTokensIs403() async throws {
        try await withAPI(APIConfiguration(tokenHashes: [])) { client, harness in
            let response = try await client.post(agreementBody("a"), to: "/v1/agreements", authorized: false)
            #expect(response.status == .forbidden)
            #expect(try response.problem().type == "urn:timelined:problem:forbidden")
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    @Test func theListFiltersByStatusAndParty() async throws {
        try await withAPI { client, _ in
            _ = try await SeedAgreement.ingest(into: client)
            _ = try await client.post(#"{"id": "eu-jp-epa", "title": "EU–Japan EPA", "parties": ["EU", "JP"]}"#, to: "/v1/agreements")
            _ = try await client.ingest(
                #"{"kind": "signing", "title": "Signed", "date": "2018-07-17", "agreement": "eu-jp-epa", "expires_on": "2030-01-01"}"#)

            func ids(_ query: String) async throws -> [String] {
                let response = try await client.get("/v1/agreements?as_of=2023-09-01\(query)")
                #expect(response.status == .ok, "\(query): \(response.text)")
                return try response.decoded(as: AgreementListDocument.self).agreements.map(\.id)
            }
            #expect(try await ids("") == ["eu-jp-epa", "us-cn-sta"])
            #expect(try await ids("&status=expiring") == ["us-cn-sta"])
            #expect(try await ids("&status=active") == ["eu-jp-epa"])
            #expect(try await ids("&status=active,expiring,active") == ["eu-jp-epa", "us-cn-sta"])
            #expect(try await ids("&status=expired,terminated").isEmpty)
            #expect(try await ids("&party=CN") == ["us-cn-sta"])
            #expect(try await ids("&party=JP&status=active") == ["eu-jp-epa"])
            #expect(try await ids("&party=JP&status=expiring").isEmpty)
            #expect(try await ids("&party=nobody").isEmpty)

            let list = try await client.get("/v1/agreements?as_of=2023-09-01").decoded(as: AgreementListDocument.self)
            let one = try await client.get("/v1/agreements/us-cn-sta?as_of=2023-09-01").decoded(as: LifecycleDocument.self)
            #expect(list.agreements.last == one)
        }
    }

    @Test(arguments: [
        ("as_of=2023-09", "as_of"), ("as_of=2023-02-30", "as_of"), ("as_of=2023-09-01T00:00:00Z", "as_of"), ("as_of=", "as_of"),
        ("as_of=2023-09-01&as_of=2023-09-02", "as_of"),
        ("status=lapsed", "status"), ("status=active,", "status"), ("status=", "status"), ("status=ACTIVE", "status"),
        ("party=-US", "party"), ("party=", "party"), ("party=US&party=CN", "party"),
        ("limit=10", "limit"),
    ])
    func aBadListParameterIs400NamingIt(query: String, parameter: String) async throws {
        try await withAPI { client, _ in
            try await client.get("/v1/agreements?\(query)").expectInvalidParameter(parameter)
        }
    }

    @Test func anUnknownOrImpossibleAgreementIs404AndABadAsOfIs400() async throws {
        try await withAPI { client, _ in
            _ = try await SeedAgreement.ingest(into: client)
            for id in ["nothing", "US-CN-STA", "-us", "a%20b", String(repeating: "a", count: 65)] {
                try await client.get("/v1/agreements/\(id)").expectNotFound()
            }
            try await client.get("/v1/agreements/us-cn-sta?as_of=yesterday").expectInvalidParameter("as_of")
            try await client.get("/v1/agreements/us-cn-sta?status=active").expectInvalidParameter("status")
        }
    }

    /// The view as the store's encoding writes it, read back as the tests read responses.
    private static func roundTrip(_ view: AgreementLifecycleView) throws -> LifecycleDocument {
        try JSONDecoder().decode(LifecycleDocument.self, from: JSONEncoder().encode(view))
    }
}
