import Testing
import TimelineCore

/// Contract §5 case by case, on an agreement signed with an expiry of 2024-06-30.
@Suite struct AlertPolicyTests {
    typealias F = LifecycleFixture

    static let signed = F.event("1", .signing, "2020-01-01", expiresOn: "2024-06-30")

    private func decide(
        _ events: [LifecycleEvent], on date: String, thresholds: [Int] = F.defaultThresholds,
        ledger: AlertLedgerState = AlertLedgerState()
    ) -> AlertDecision {
        let lifecycle = Lifecycle.evaluate(events, on: F.day(date), largestThreshold: thresholds.max() ?? 0)
        return AlertPolicy.decide(lifecycle: lifecycle, thresholds: thresholds, ledger: ledger, on: F.day(date))
    }

    @Test func aCatchUpEmitsOnlyTheSmallestReachedThreshold() {
        var simulation = AlertSimulation(events: [Self.signed])
        simulation.evaluate(on: "2024-03-02")
        // 100 days later: 90 and 30 were both passed; 30 is announced, 90 recorded as skipped.
        let catchUp = simulation.evaluate(on: "2024-06-10")
        #expect(catchUp.skippedThresholds == [90])
        simulation.evaluate(daily: "2024-06-11", through: "2024-07-02")
        #expect(simulation.log == [
            "2024-03-02 reached T=180 E=2024-06-30 d=120",
            "2024-06-10 reached T=30 E=2024-06-30 d=20",
            "2024-06-23 reached T=7 E=2024-06-30 d=7",
            "2024-06-29 reached T=1 E=2024-06-30 d=1",
            "2024-06-30 due T=0 E=2024-06-30 d=0",
            "2024-07-01 expired E=2024-06-30 d=-1",
        ])
        #expect(simulation.ledger.thresholdsDone[F.day("2024-06-30")] == [180, 90, 30, 7, 1, 0])
    }

    @Test func theFirstEvaluationSkipsEveryLargerThreshold() {
        let decision = decide([Self.signed], on: "2024-06-25")
        #expect(decision.emit == [ExpiryNotification(kind: .reached, expiresOn: F.day("2024-06-30"), threshold: 7, daysRemaining: 5)])
        #expect(decision.skippedThresholds == [30, 90, 180])
        #expect(decision.newRecordedExpiry == F.day("2024-06-30"))
    }

    @Test func dueIsEmittedOnTheDayOnlyAndOnlyForZero() {
        let onTheDay = decide([Self.signed], on: "2024-06-30")
        #expect(onTheDay.emit == [ExpiryNotification(kind: .due, expiresOn: F.day("2024-06-30"), threshold: 0, daysRemaining: 0)])
        #expect(onTheDay.skippedThresholds == [1, 7, 30, 90, 180])
        #expect(decide([Self.signed], on: "2024-06-29").emit.map(\.kind) == [.reached])

        let withoutZero = decide([Self.signed], on: "2024-06-30", thresholds: [30, 7])
        #expect(withoutZero.emit == [ExpiryNotification(kind: .reached, expiresOn: F.day("2024-06-30"), threshold: 7, daysRemaining: 0)])
    }

    @Test func expiredIsEmittedOnceAndClosesTheThresholds() {
        var simulation = AlertSimulation(events: [Self.signed])
        let first = simulation.evaluate(on: "2024-07-03")
        #expect(first.emit == [ExpiryNotification(kind: .expired, expiresOn: F.day("2024-06-30"), daysRemaining: -3)])
        #expect(first.skippedThresholds == [0, 1, 7, 30, 90, 180])
        simulation.evaluate(daily: "2024-07-04", through: "2024-12-31")
        // An evaluation on an earlier date does not warn about what was reported as expired.
        simulation.evaluate(on: "2024-06-29")
        #expect(simulation.log == ["2024-07-03 expired E=2024-06-30 d=-3"])
    }

    @Test func aLaterExpiryIsAnnouncedBeforeItsOwnThresholds() {
        var simulation = AlertSimulation(events: [
            Self.signed,
            F.event("2", .amendment, "2024-06-15", expiresOn: "2024-09-30"),
            F.event("3", .renewal, "2024-09-20", expiresOn: "2029-09-30"),
        ])
        simulation.evaluate(daily: "2024-06-01", through: "2024-10-31")
        #expect(simulation.log == [
            "2024-06-01 reached T=30 E=2024-06-30 d=29",
            "2024-06-15 extended E=2024-09-30 prev=2024-06-30 d=107",
            "2024-06-15 reached T=180 E=2024-09-30 d=107",
            "2024-07-02 reached T=90 E=2024-09-30 d=90",
            "2024-08-31 reached T=30 E=2024-09-30 d=30",
            "2024-09-20 renewed E=2029-09-30 prev=2024-09-30 d=1836",
        ])
    }

    @Test func aBackdatedExtensionThatAlreadyLapsedIsAnnouncedThenExpired() {
        var simulation = AlertSimulation(events: [Self.signed])
        simulation.evaluate(on: "2024-06-01")
        simulation.events.append(F.event("2", .extension, "2024-06-20", extendsBy: "P1M"))
        simulation.evaluate(on: "2024-08-05")
        #expect(simulation.log == [
            "2024-06-01 reached T=30 E=2024-06-30 d=29",
            "2024-08-05 extended E=2024-07-30 prev=2024-06-30 d=-6",
            "2024-08-05 expired E=2024-07-30 d=-6",
        ])
    }

    @Test func anExpiryThatAppearsOnlyRecordsIt() {
        var simulation = AlertSimulation(events: [F.event("1", .signing, "2020-01-01")])
        #expect(simulation.evaluate(on: "2024-01-01").newRecordedExpiry == nil)
        simulation.events.append(F.event("2", .amendment, "2024-02-01", expiresOn: "2030-01-01"))
        let appeared = simulation.evaluate(on: "2024-02-01")
        #expect(appeared.emit.isEmpty)
        #expect(appeared.newRecordedExpiry == F.day("2030-01-01"))
        #expect(simulation.ledger.recordedExpiry == F.day("2030-01-01"))
    }

    @Test func theFirstEvaluationNeverAnnouncesAnExtension() {
        let events = [Self.signed, F.event("2", .renewal, "2024-01-01", extendsBy: "P5Y")]
        #expect(decide(events, on: "2024-01-02").emit.isEmpty)
    }

    @Test func terminatedIsEmittedOnceAndThenNothing() {
        var simulation = AlertSimulation(events: [Self.signed, F.event("2", .termination, "2024-06-29")])
        simulation.evaluate(daily: "2024-06-20", through: "2024-08-31")
        #expect(simulation.log == [
            "2024-06-20 reached T=30 E=2024-06-30 d=10",
            "2024-06-23 reached T=7 E=2024-06-30 d=7",
            "2024-06-29 terminated E=2024-06-30 d=1",
        ])
        #expect(simulation.ledger.terminated)
        #expect(simulation.ledger.expiredFor.isEmpty)
    }

    @Test func aTerminationSeenFirstIsStillAnnounced() {
        let events = [Self.signed, F.event("2", .termination, "2022-01-01")]
        #expect(decide(events, on: "2024-07-01").emit == [
            ExpiryNotification(kind: .terminated, expiresOn: F.day("2024-06-30"), daysRemaining: -1)
        ])
        let noExpiry = [F.event("1", .signing, "2020"), F.event("2", .termination, "2022")]
        #expect(decide(noExpiry, on: "2024-07-01").emit == [ExpiryNotification(kind: .terminated, expiresOn: nil, daysRemaining: nil)])
    }

    @Test func aRetractedTerminationResumesTheNoticesButIsNotRepeated() {
        var simulation = AlertSimulation(events: [Self.signed, F.event("2", .termination, "2024-06-01")])
        simulation.evaluate(on: "2024-06-02")
        simulation.events[1] = F.event("2", .termination, "2024-06-01", retracted: true)
        simulation.evaluate(on: "2024-06-28")
        simulation.events.append(F.event("3", .termination, "2024-06-29"))
        simulation.evaluate(daily: "2024-06-29", through: "2024-07-31")
        #expect(simulation.log == [
            "2024-06-02 terminated E=2024-06-30 d=28",
            "2024-06-28 reached T=7 E=2024-06-30 d=2",
        ])
    }

    @Test func anEarlierExpiryStartsTheThresholdsOverWithoutANotice() {
        var simulation = AlertSimulation(events: [
            F.event("1", .signing, "2020-01-01", expiresOn: "2024-12-31"),
            F.event("2", .amendment, "2024-08-01", expiresOn: "2024-08-20"),
        ])
        simulation.evaluate(daily: "2024-06-01", through: "2024-08-31")
        #expect(simulation.log == [
            "2024-07-04 reached T=180 E=2024-12-31 d=180",
            "2024-08-01 reached T=30 E=2024-08-20 d=19",
            "2024-08-13 reached T=7 E=2024-08-20 d=7",
            "2024-08-19 reached T=1 E=2024-08-20 d=1",
            "2024-08-20 due T=0 E=2024-08-20 d=0",
            "2024-08-21 expired E=2024-08-20 d=-1",
        ])
        #expect(simulation.ledger.thresholdsDone[F.day("2024-08-20")] == [180, 90, 30, 7, 1, 0])
    }

    @Test func anExpiryMovedBackIsAnnouncedOnceWithoutRepeatingItsThresholds() {
        var simulation = AlertSimulation(events: [Self.signed])
        simulation.evaluate(on: "2024-06-01")
        simulation.events.append(F.event("2", .amendment, "2024-06-02", expiresOn: "2024-06-20"))
        simulation.evaluate(on: "2024-06-02")
        simulation.events.append(F.event("3", .amendment, "2024-06-03", expiresOn: "2024-06-30"))
        simulation.evaluate(on: "2024-06-03")
        simulation.events.append(F.event("4", .amendment, "2024-06-04", expiresOn: "2024-06-20"))
        simulation.evaluate(on: "2024-06-04")
        simulation.events.append(F.event("5", .amendment, "2024-06-05", expiresOn: "2024-06-30"))
        simulation.evaluate(on: "2024-06-05")
        #expect(simulation.log == [
            "2024-06-01 reached T=30 E=2024-06-30 d=29",
            "2024-06-02 reached T=30 E=2024-06-20 d=18",
            "2024-06-03 extended E=2024-06-30 prev=2024-06-20 d=27",
        ])
    }

    @Test func thresholdsMayComeInAnyOrderWithRepeats() {
        let ledger = AlertSimulation.ledger(after: [Self.signed], on: "2024-06-01")
        for date in ["2024-06-01", "2024-06-25", "2024-06-30", "2024-07-01"] {
            #expect(
                decide([Self.signed], on: date, thresholds: [0, 7, 7, 30, -5, 180, 1, 90], ledger: ledger)
                    == decide([Self.signed], on: date, ledger: ledger), "\(date)")
        }
    }

    /// `alert_days` gaining 60 after 30 was announced: 60 is passed, so it is skipped, not announced.
    @Test func aThresholdAddedLaterIsNotAnnouncedAfterASmallerOne() {
        let ledger = AlertSimulation.ledger(after: [Self.signed], on: "2024-06-01", thresholds: [30, 7])
        let decision = decide([Self.signed], on: "2024-06-10", thresholds: [60, 30, 7], ledger: ledger)
        #expect(decision.emit.isEmpty)
        #expect(decision.skippedThresholds == [60])
    }

    @Test func anAgreementWithoutExpiryIsSilent() {
        var simulation = AlertSimulation(events: [F.event("1", .signing, "1979"), F.event("2", .amendment, "2000-01-01")])
        simulation.evaluate(daily: "2023-01-01", through: "2023-12-31")
        #expect(simulation.log.isEmpty)
        #expect(simulation.ledger == AlertLedgerState(hasBeenEvaluated: true))
    }

    @Test func applyingADecisionRecordsEveryFact() {
        let decision = decide([Self.signed, F.event("2", .renewal, "2024-06-01", extendsBy: "P1M")], on: "2024-07-10",
            ledger: AlertLedgerState(recordedExpiry: F.day("2024-06-30"), hasBeenEvaluated: true))
        #expect(decision.emit.map(\.kind) == [.renewed, .reached])
        #expect(decision.applied(to: AlertLedgerState(recordedExpiry: F.day("2024-06-30"), hasBeenEvaluated: true)) == AlertLedgerState(
            recordedExpiry: F.day("2024-07-30"), hasBeenEvaluated: true,
            thresholdsDone: [F.day("2024-07-30"): [30, 90, 180]], extensionsFor: [F.day("2024-07-30")]))
    }
}
