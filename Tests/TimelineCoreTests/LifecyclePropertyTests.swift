import TestSupport
import Testing
import TimelineCore

/// `Lifecycle.evaluate` over random agreements (`RandomAgreement`) on random dates.
@Suite struct LifecyclePropertyTests {
    /// For any events and date `D`:
    /// - the result does not depend on the order the events are given in (the application order
    ///   is total, down to the id);
    /// - `history` holds exactly the non-retracted lifecycle events dated on or before `D`, and its
    ///   last entry's expiry is `expiresOn`;
    /// - `daysRemaining` is `E − D`, and the status follows from it as §4 says.
    @Test func evaluationIsAFoldOfTheAppliedEvents() {
        for seed in UInt64(0)..<500 {
            var random = SeededRandom(seed: seed)
            let agreement = RandomAgreement(using: &random)
            let largest = agreement.thresholds.max() ?? 0
            for date in RandomAgreement.scrambledDays(using: &random) {
                let context = "seed \(seed), \(date), \(agreement)"
                let lifecycle = Lifecycle.evaluate(agreement.events, on: date, largestThreshold: largest)
                let shuffled = agreement.events.shuffled(using: &random)
                #expect(Lifecycle.evaluate(shuffled, on: date, largestThreshold: largest) == lifecycle, "\(context)")

                let applied = agreement.events.filter { !$0.isRetracted && $0.date.start <= date }
                #expect(Set(lifecycle.history.map(\.eventID)) == Set(applied.map(\.eventID)), "\(context)")
                #expect(lifecycle.history.count == applied.count, "\(context)")
                #expect(lifecycle.history.last?.expiresOn == lifecycle.expiresOn, "\(context)")
                #expect(lifecycle.daysRemaining == lifecycle.expiresOn.map { CalendarDate.days(from: date, to: $0) }, "\(context)")
                #expect(lifecycle.isTerminated == applied.contains { $0.kind == .termination }, "\(context)")
                #expect(lifecycle.status == Self.status(lifecycle, largest), "\(context)")
            }
        }
    }

    private static func status(_ lifecycle: Lifecycle, _ largest: Int) -> AgreementStatus {
        if lifecycle.isTerminated { return .terminated }
        guard let days = lifecycle.daysRemaining else { return .active }
        return days < 0 ? .expired : days <= largest ? .expiring : .active
    }
}
