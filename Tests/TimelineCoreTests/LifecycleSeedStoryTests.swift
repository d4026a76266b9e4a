import Testing
import TimelineCore

/// The seed story (`LifecycleFixture.seedStory`) evaluated on the dates where it changes.
@Suite struct LifecycleSeedStoryTests {
    typealias F = LifecycleFixture

    private func evaluate(_ date: String, _ events: [LifecycleEvent] = F.seedStory) -> Lifecycle {
        Lifecycle.evaluate(events, on: F.day(date), largestThreshold: 180)
    }

    @Test func beforeTheSigningYearNothingApplies() {
        let lifecycle = evaluate("1978-12-31")
        #expect(lifecycle.history.isEmpty)
        #expect(lifecycle.signedOn == nil)
        #expect(lifecycle.expiresOn == nil)
        #expect(lifecycle.status == .active)
        #expect(lifecycle.daysRemaining == nil)
    }

    @Test func theSigningYearCountsFromItsFirstDay() {
        let lifecycle = evaluate("1979-01-01")
        #expect(lifecycle.signedOn == F.partial("1979"))
        #expect(lifecycle.inForceFrom == nil)
        #expect(lifecycle.history == [LifecycleEntry(eventID: "1", kind: .signing, date: F.partial("1979"), expiresOn: nil)])
        #expect(lifecycle.status == .active)
        #expect(evaluate("2023-08-26") == lifecycle)
    }

    @Test func theExpirationAppliesBeforeTheSameDayExtension() {
        let lifecycle = evaluate("2023-08-27")
        #expect(lifecycle.history == [
            LifecycleEntry(eventID: "1", kind: .signing, date: F.partial("1979"), expiresOn: nil),
            LifecycleEntry(eventID: "8", kind: .expiration, date: F.partial("2023-08-27"), expiresOn: F.day("2023-08-27")),
            LifecycleEntry(eventID: "5", kind: .extension, date: F.partial("2023-08-27"), expiresOn: F.day("2024-02-27")),
        ])
        #expect(lifecycle.expiresOn == F.day("2024-02-27"))
        #expect(lifecycle.expirySetBy == .extension)
        #expect(lifecycle.daysRemaining == 184)
        #expect(lifecycle.status == .active)
    }

    @Test func statusFollowsTheDaysToTheExtendedExpiry() {
        let expected: [(String, AgreementStatus, Int)] = [
            ("2023-08-30", .active, 181),
            ("2023-08-31", .expiring, 180),
            ("2024-02-26", .expiring, 1),
            ("2024-02-27", .expiring, 0),
            ("2024-02-28", .expired, -1),
            ("2024-12-12", .expired, -289),
        ]
        for (date, status, days) in expected {
            let lifecycle = evaluate(date)
            #expect(lifecycle.status == status, "\(date)")
            #expect(lifecycle.daysRemaining == days, "\(date)")
            #expect(lifecycle.expiresOn == F.day("2024-02-27"), "\(date)")
        }
    }

    @Test func theRenewalExtendsTheLapsedExpiry() {
        let lifecycle = evaluate("2024-12-13")
        #expect(lifecycle.expiresOn == F.day("2029-02-27"))
        #expect(lifecycle.expirySetBy == .renewal)
        #expect(lifecycle.status == .active)
        #expect(lifecycle.history.map(\.eventID) == ["1", "8", "5", "12"])
    }

    @Test func theInputOrderDoesNotMatter() {
        for date in ["2023-08-27", "2024-12-13"] {
            #expect(evaluate(date, F.seedStory.reversed()) == evaluate(date))
        }
    }
}
