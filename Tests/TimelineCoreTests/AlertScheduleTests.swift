import TestSupport
import Testing
import TimelineCore

/// `AlertSchedule.nextDue`: the first later day on which the policy would record anything, given
/// the ledger the evaluation left.
@Suite struct AlertScheduleTests {
    typealias F = LifecycleFixture

    /// The agreement evaluated on each of `dates` in turn; the day it is due after the last one.
    private func nextDue(
        _ events: [LifecycleEvent], evaluatedOn dates: [String], thresholds: [Int] = F.defaultThresholds
    ) -> CalendarDate? {
        var simulation = AlertSimulation(events: events, thresholds: thresholds)
        for date in dates { simulation.evaluate(on: date) }
        return AlertSchedule.nextDue(events: events, thresholds: thresholds, ledger: simulation.ledger, after: F.day(dates.last!))
    }

    /// Following the schedule from one evaluation to the next meets every threshold, the expiry
    /// and the lapse on their days, then nothing.
    @Test func followingTheScheduleMeetsEveryThresholdThenTheLapse() {
        let events = [AlertPolicyTests.signed]
        var simulation = AlertSimulation(events: events)
        var due: CalendarDate? = F.day("2023-01-01")
        var visited: [CalendarDate] = []
        while let day = due {
            simulation.evaluate(on: day)
            visited.append(day)
            due = AlertSchedule.nextDue(events: events, thresholds: F.defaultThresholds, ledger: simulation.ledger, after: day)
        }
        let expiry = F.day("2024-06-30")
        #expect(visited == [F.day("2023-01-01")] + [-180, -90, -30, -7, -1, 0, 1].map { expiry.adding(days: $0)! })
        #expect(simulation.log == [
            "2024-01-02 reached T=180 E=2024-06-30 d=180",
            "2024-04-01 reached T=90 E=2024-06-30 d=90",
            "2024-05-31 reached T=30 E=2024-06-30 d=30",
            "2024-06-23 reached T=7 E=2024-06-30 d=7",
            "2024-06-29 reached T=1 E=2024-06-30 d=1",
            "2024-06-30 due T=0 E=2024-06-30 d=0",
            "2024-07-01 expired E=2024-06-30 d=-1",
        ])
    }

    @Test func withoutThresholdsOnlyTheLapseIsDue() {
        #expect(nextDue([AlertPolicyTests.signed], evaluatedOn: ["2023-01-01"], thresholds: []) == F.day("2024-07-01"))
    }

    /// An extension dated after the lapse brings the agreement back: due on the extension's day,
    /// and after it on the days of the new expiry, not the old one.
    @Test func aFutureExtensionIsDueOnItsDayAndMovesTheDaysAfterIt() {
        let events = [AlertPolicyTests.signed, F.event("2", .extension, "2024-09-01", extendsBy: "P1Y")]
        #expect(nextDue(events, evaluatedOn: ["2024-07-01"]) == F.day("2024-09-01"))
        #expect(nextDue(events, evaluatedOn: ["2024-07-01", "2024-09-01"]) == F.day("2025-06-30").adding(days: -180))
    }

    /// An extension dated before the first threshold changes the recorded expiry (and is announced)
    /// on its own day.
    @Test func anExtensionBeforeTheThresholdsIsDueOnItsDay() {
        let events = [AlertPolicyTests.signed, F.event("2", .extension, "2023-06-01", extendsBy: "P1Y")]
        #expect(nextDue(events, evaluatedOn: ["2023-01-01"]) == F.day("2023-06-01"))
        #expect(nextDue(events, evaluatedOn: ["2023-01-01", "2023-06-01"]) == F.day("2025-06-30").adding(days: -180))
    }

    @Test func aRetractedEventIsNeverDue() {
        let events = [AlertPolicyTests.signed, F.event("2", .extension, "2024-09-01", extendsBy: "P1Y", retracted: true)]
        #expect(nextDue(events, evaluatedOn: ["2024-07-01"]) == nil)
    }

    /// A termination is due on its day; once announced, nothing is until an event moves `E`, which
    /// the policy records without a notice.
    @Test func aTerminationIsDueOnItsDayThenOnlyAChangeOfExpiry() {
        let terminated = [AlertPolicyTests.signed, F.event("2", .termination, "2024-02-01")]
        #expect(nextDue(terminated, evaluatedOn: ["2023-01-01"]) == F.day("2024-01-02"))
        #expect(nextDue(terminated, evaluatedOn: ["2024-01-02"]) == F.day("2024-02-01"))
        #expect(nextDue(terminated, evaluatedOn: ["2024-01-02", "2024-02-01"]) == nil)
        let amended = terminated + [F.event("3", .amendment, "2024-03-01", expiresOn: "2026-01-01")]
        #expect(nextDue(amended, evaluatedOn: ["2024-01-02", "2024-02-01"]) == F.day("2024-03-01"))
    }

    @Test func withoutAnExpiryOnlyAnEventThatSetsOneIsDue() {
        let unbounded = [F.event("1", .signing, "2020-01-01")]
        #expect(nextDue(unbounded, evaluatedOn: ["2023-01-01"]) == nil)
        let amended = unbounded + [F.event("2", .amendment, "2023-05-01", expiresOn: "2030-01-01")]
        #expect(nextDue(amended, evaluatedOn: ["2023-01-01"]) == F.day("2023-05-01"))
    }

    /// `alerts evaluate --as-of` on a date before the daemon's: the ledger already holds the lapse
    /// and every threshold, so nothing is ever due again.
    @Test func aLedgerAheadOfTheDateKeepsEverythingDone() {
        #expect(nextDue([AlertPolicyTests.signed], evaluatedOn: ["2024-07-05", "2024-03-01"]) == nil)
    }

    /// The schedule against the policy itself, day by day: for random agreements (future-dated
    /// events, extensions, terminations, retractions) with a random ledger history — sometimes
    /// under other thresholds, sometimes with an evaluation later than `D` — `nextDue` after an
    /// evaluation on `D` (some on an expiry day) is the first later day whose decision records
    /// anything, and nil exactly when there is none. Cases are counted by what makes them due, so
    /// that a generator drifting into trivial cases fails the test.
    @Test func theNextDueDayIsTheFirstDayADailyPolicyWouldRecordAnything() {
        var coverage: [String: Int] = [:]
        for seed in UInt64(0)..<2000 {
            var random = SeededRandom(seed: seed)
            let agreement = RandomAgreement(using: &random)
            let earlierThresholds = Bool.random(using: &random) ? agreement.thresholds : RandomAgreement(using: &random).thresholds
            let span = RandomAgreement.latestDay.dayNumber - RandomAgreement.firstDay.dayNumber
            var date = RandomAgreement.firstDay.adding(days: Int.random(in: -60...span, using: &random))!
            // Some on the expiry day itself, after which the lapse is next.
            if Int.random(in: 0..<4, using: &random) == 0,
                let expiry = Lifecycle.evaluate(agreement.events, on: date, largestThreshold: 0).expiresOn
            {
                date = expiry
            }

            var simulation = AlertSimulation(events: agreement.events, thresholds: earlierThresholds)
            for day in agreement.gappedDays(using: &random) where day < date { simulation.evaluate(on: day) }
            simulation.thresholds = agreement.thresholds
            if Int.random(in: 0..<5, using: &random) == 0 {
                simulation.evaluate(on: RandomAgreement.scrambledDays(using: &random)[0])
            }
            simulation.evaluate(on: date)

            let due = AlertSchedule.nextDue(
                events: agreement.events, thresholds: agreement.thresholds, ledger: simulation.ledger, after: date)
            let expected = Self.firstRecordingDay(agreement, ledger: simulation.ledger, after: date)
            #expect(due == expected, "seed \(seed), D \(date), \(agreement)")
            coverage[Self.reason(expected, agreement), default: 0] += 1
        }
        for reason in ["never", "an event", "a threshold", "the lapse"] {
            #expect(coverage[reason, default: 0] >= 50, "only \(coverage[reason, default: 0]) cases due on \(reason)")
        }
    }

    /// By brute force: every day after `date` until the last on which anything can change — the
    /// day after the last event or after the latest expiry any prefix of the events sets.
    private static func firstRecordingDay(_ agreement: RandomAgreement, ledger: AlertLedgerState, after date: CalendarDate) -> CalendarDate? {
        let largest = agreement.thresholds.max() ?? 0
        let everything = Lifecycle.evaluate(agreement.events, on: .latest, largestThreshold: largest)
        let last = ([date] + agreement.events.map(\.date.start) + everything.history.compactMap(\.expiresOn)).max()!
        for number in (date.dayNumber + 1)...(last.dayNumber + 1) {
            let day = CalendarDate(dayNumber: number)!
            let lifecycle = Lifecycle.evaluate(agreement.events, on: day, largestThreshold: largest)
            if AlertPolicy.decide(lifecycle: lifecycle, thresholds: agreement.thresholds, ledger: ledger, on: day).records(given: ledger) {
                return day
            }
        }
        return nil
    }

    private static func reason(_ due: CalendarDate?, _ agreement: RandomAgreement) -> String {
        guard let due else { return "never" }
        if agreement.events.contains(where: { $0.date.start == due }) { return "an event" }
        let expiry = Lifecycle.evaluate(agreement.events, on: due, largestThreshold: 0).expiresOn
        return expiry?.adding(days: 1) == due ? "the lapse" : "a threshold"
    }
}
