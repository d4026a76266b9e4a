import Testing
import TimelineCore

/// The seed story evaluated every day, as the daemon would, with the default thresholds.
@Suite struct AlertSeedStoryTests {
    typealias F = LifecycleFixture

    /// The lapse and the extension share 2023-08-27, so the daily run never sees 2023-08-27 in
    /// force: the expiry appears directly as 2024-02-27, which only records it (no `extended`).
    @Test func dailyFromJanuary2023ThroughMarch2024() {
        var simulation = AlertSimulation(events: F.seedStory)
        simulation.evaluate(daily: "2023-01-01", through: "2024-03-31")
        #expect(simulation.log == [
            "2023-08-31 reached T=180 E=2024-02-27 d=180",
            "2023-11-29 reached T=90 E=2024-02-27 d=90",
            "2024-01-28 reached T=30 E=2024-02-27 d=30",
            "2024-02-20 reached T=7 E=2024-02-27 d=7",
            "2024-02-26 reached T=1 E=2024-02-27 d=1",
            "2024-02-27 due T=0 E=2024-02-27 d=0",
            "2024-02-28 expired E=2024-02-27 d=-1",
        ])
        #expect(simulation.ledger.thresholdsDone == [F.day("2024-02-27"): [180, 90, 30, 7, 1, 0]])

        simulation.evaluate(daily: "2024-04-01", through: "2025-01-31")
        #expect(simulation.log.dropFirst(7) == ["2024-12-13 renewed E=2029-02-27 prev=2024-02-27 d=1537"])
    }

    /// The lapse recorded on the day, the extension (dated the same day) only days later: now the
    /// lapse is announced, and the extension too, with the new expiry's thresholds starting over.
    @Test func anExtensionRecordedAfterTheLapse() {
        var simulation = AlertSimulation(events: [F.signing, F.expiration])
        simulation.evaluate(daily: "2023-08-01", through: "2023-09-01")
        simulation.events.append(F.extension6M)
        simulation.evaluate(daily: "2023-09-02", through: "2023-09-30")
        #expect(simulation.log == [
            "2023-08-27 due T=0 E=2023-08-27 d=0",
            "2023-08-28 expired E=2023-08-27 d=-1",
            "2023-09-02 extended E=2024-02-27 prev=2023-08-27 d=178",
            "2023-09-02 reached T=180 E=2024-02-27 d=178",
        ])
    }
}
