import TestSupport
import Testing
import TimelineCore

/// The policy over hundreds of random agreements (`RandomAgreement`), each replayable from its seed.
@Suite struct AlertPropertyTests {
    static let seeds: Range<UInt64> = 0..<500

    /// One agreement evaluated on `dates` in turn, the decision recorded after each, with the
    /// per-evaluation invariants of `AlertInvariantCheck` checked throughout.
    private struct Run {
        private(set) var ledger = AlertLedgerState()
        private(set) var check = AlertInvariantCheck()
        private(set) var lifecycle: Lifecycle?
        private(set) var emitted: [NotificationKind: Int] = [:]
        private(set) var skipped = 0

        init(_ events: [LifecycleEvent], on dates: [CalendarDate], thresholds: (CalendarDate) -> [Int]) {
            for date in dates {
                let thresholds = thresholds(date)
                let lifecycle = Lifecycle.evaluate(events, on: date, largestThreshold: thresholds.max() ?? 0)
                let decision = AlertPolicy.decide(lifecycle: lifecycle, thresholds: thresholds, ledger: ledger, on: date)
                check.record(decision, of: lifecycle, ledger: ledger, on: date)
                ledger = decision.applied(to: ledger)
                self.lifecycle = lifecycle
                for notice in decision.emit { emitted[notice.kind, default: 0] += 1 }
                skipped += decision.skippedThresholds.count
            }
        }
    }

    /// Day by day versus with random gaps of 1–150 days, both ending on the same date `D`, with
    /// the agreement's lifecycle on `D` having expiry `E` (`d = E − D`):
    /// - both runs keep the per-evaluation invariants of `AlertInvariantCheck`;
    /// - both end with the same recorded expiry (`E`) and the same `terminated` fact, which is
    ///   whether the agreement is terminated on `D`;
    /// - unless it is terminated on `D`, both hold for `E` exactly the same thresholds done
    ///   (emitted or skipped), namely every threshold `T ≥ 0` with `d ≤ T` (all of them once
    ///   `d < 0`), and the same `expired` fact for `E`, which is `d < 0`.
    /// A termination freezes what was recorded, which then depends on when the runs last looked,
    /// so only the `terminated` fact is compared for terminated agreements.
    ///
    /// The cases are counted by how they end, so that a generator drifting into trivial cases (no
    /// expiry, all long expired) fails the test instead of passing it vacuously.
    @Test func dailyAndGappedEvaluationsEndAlike() {
        var coverage: [String: Int] = [:]
        var emitted: [NotificationKind: Int] = [:]
        for seed in Self.seeds {
            var random = SeededRandom(seed: seed)
            let agreement = RandomAgreement(using: &random)
            let gappedDays = agreement.gappedDays(using: &random)
            let daily = Run(agreement.events, on: agreement.everyDay) { _ in agreement.thresholds }
            let gapped = Run(agreement.events, on: gappedDays) { _ in agreement.thresholds }
            let context = "seed \(seed), \(agreement)"
            #expect(daily.check.breaches == [], "daily, \(context)")
            #expect(gapped.check.breaches == [], "gapped, \(context)")
            emitted.merge(daily.emitted, uniquingKeysWith: +)

            guard let final = daily.lifecycle else { continue }
            coverage["terminated", default: 0] += final.isTerminated ? 1 : 0
            coverage["no expiry", default: 0] += final.expiresOn == nil ? 1 : 0
            #expect(daily.ledger.recordedExpiry == final.expiresOn, "\(context)")
            #expect(gapped.ledger.recordedExpiry == final.expiresOn, "\(context)")
            #expect(daily.ledger.terminated == final.isTerminated, "\(context)")
            #expect(gapped.ledger.terminated == final.isTerminated, "\(context)")
            guard !final.isTerminated, let expiry = final.expiresOn, let days = final.daysRemaining else { continue }
            let expected = Set(agreement.thresholds.filter { $0 >= 0 && (days < 0 || days <= $0) })
            #expect(daily.ledger.thresholdsDone[expiry, default: []] == expected, "daily, \(context)")
            #expect(gapped.ledger.thresholdsDone[expiry, default: []] == expected, "gapped, \(context)")
            #expect(daily.ledger.expiredFor.contains(expiry) == (days < 0), "daily, \(context)")
            #expect(gapped.ledger.expiredFor.contains(expiry) == (days < 0), "gapped, \(context)")

            coverage["ends expired", default: 0] += days < 0 ? 1 : 0
            coverage["ends with thresholds reached", default: 0] += days >= 0 && !expected.isEmpty ? 1 : 0
            coverage["ends with none reached", default: 0] += days >= 0 && expected.isEmpty ? 1 : 0
            coverage["gapped run skips more", default: 0] += gapped.skipped > daily.skipped ? 1 : 0
        }
        let endings = ["terminated", "no expiry", "ends expired", "ends with thresholds reached", "ends with none reached", "gapped run skips more"]
        for ending in endings {
            #expect(coverage[ending, default: 0] >= 25, "only \(coverage[ending, default: 0]) cases: \(ending)")
        }
        for kind in [NotificationKind.reached, .due, .expired, .extended, .renewed, .terminated] {
            #expect(emitted[kind, default: 0] >= 25, "\(kind) emitted \(emitted[kind, default: 0]) times")
        }
    }

    /// Evaluation dates in no order and thresholds changing between evaluations (an agreement's
    /// `alert_days` edited): the per-evaluation invariants of `AlertInvariantCheck` still hold.
    @Test func scrambledDatesAndChangingThresholdsKeepTheInvariants() {
        var emitted: [NotificationKind: Int] = [:]
        for seed in Self.seeds {
            var random = SeededRandom(seed: seed)
            let agreement = RandomAgreement(using: &random)
            let other = RandomAgreement(using: &random).thresholds
            let dates = RandomAgreement.scrambledDays(using: &random)
            let run = Run(agreement.events, on: dates) { $0.dayNumber % 3 == 0 ? other : agreement.thresholds }
            #expect(run.check.breaches == [], "seed \(seed), other thresholds \(other), \(agreement)")
            emitted.merge(run.emitted, uniquingKeysWith: +)
        }
        #expect(emitted[.reached, default: 0] >= 100, "reached emitted \(emitted[.reached, default: 0]) times")
    }
}
