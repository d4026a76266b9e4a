import Testing
import TimelineCore

/// `Lifecycle.problems(in:)`, the ingest-time check of a whole history.
@Suite struct LifecycleProblemsTests {
    typealias F = LifecycleFixture

    @Test func theSeedStoryHasNone() {
        #expect(Lifecycle.problems(in: F.seedStory).isEmpty)
    }

    @Test func anExtensionWithoutAnEarlierExpiryIsReported() {
        let problems = Lifecycle.problems(in: [F.signing, F.extension6M])
        #expect(problems == [LifecycleProblem(
            eventID: "5",
            message: "extends_by P6M has no expiry to extend: no event of this agreement applied before "
                + "this extension (2023-08-27) sets one; give expires_on instead")])
    }

    @Test func onlyEarlierEventsInApplicationOrderCount() {
        let events = [
            F.event("1", .renewal, "2020-01-01", extendsBy: "P1Y"),
            F.event("2", .amendment, "2020-06-01", expiresOn: "2021-01-01"),
            F.event("3", .extension, "2020-07-01", extendsBy: "P1Y"),
            // Same day as each other: the amendment applies first, whatever the ids.
            F.event("4", .renewal, "2019-12-31", extendsBy: "P2Y"),
            F.event("5", .amendment, "2019-12-31", expiresOn: "2020-01-01"),
        ]
        #expect(Lifecycle.problems(in: events).isEmpty)
        #expect(Lifecycle.problems(in: Array(events.prefix(3))).map(\.eventID) == ["1"])
    }

    @Test func retractedEventsNeitherSetNorNeedAnExpiry() {
        let setter = F.event("1", .signing, "2020-01-01", expiresOn: "2021-01-01", retracted: true)
        let extension1 = F.event("2", .extension, "2020-06-01", extendsBy: "P1Y")
        #expect(Lifecycle.problems(in: [setter, extension1]).map(\.eventID) == ["2"])
        let retractedExtension = F.event("2", .extension, "2020-06-01", extendsBy: "P1Y", retracted: true)
        #expect(Lifecycle.problems(in: [retractedExtension]).isEmpty)
    }

    @Test func anExpiryPastTheCalendarIsReported() {
        let events = [
            F.event("1", .signing, "2020-01-01", expiresOn: "9999-06-30"),
            F.event("2", .renewal, "2021-01-01", extendsBy: "P1Y"),
        ]
        #expect(Lifecycle.problems(in: events) == [LifecycleProblem(
            eventID: "2", message: "extends_by P1Y moves the expiry 9999-06-30 past 9999-12-31")])
        // And the fold leaves the expiry where it was rather than inventing one.
        #expect(Lifecycle.evaluate(events, on: F.day("2021-01-01"), largestThreshold: 0).expiresOn == F.day("9999-06-30"))
    }
}
