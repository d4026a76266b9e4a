import Testing
import TimelineCore

/// Contract §12 "History is not news": an expiry more than `expired_alert_days` before an
/// agreement's first evaluation is recorded as skipped, not emitted.
@Suite struct HistoryIsNotNewsTests {
    typealias F = LifecycleFixture

    /// Expired on 2024-06-30.
    static let signed = F.event("1", .signing, "2020-01-01", expiresOn: "2024-06-30")

    private func evaluate(
        _ events: [LifecycleEvent], on date: String, ledger: LedgerEntry? = nil, expiredAlertDays: Int = 30
    ) -> AgreementEvaluation {
        let input = AgreementInput(id: "a", title: "A", parties: [], alertDays: nil, events: events)
        return AlertEvaluator.evaluate(
            [input], ledger: ledger.map { ["a": $0] } ?? [:], on: F.day(date), defaultThresholds: F.defaultThresholds,
            expiredAlertDays: expiredAlertDays)[0]
    }

    @Test func anExpiryFurtherBackThanTheLimitIsRecordedNotEmitted() {
        // 31 days after the expiry: one day beyond the limit.
        let evaluation = evaluate([Self.signed], on: "2024-07-31")
        #expect(evaluation.decision.emit.isEmpty)
        #expect(evaluation.decision.skipsExpired)
        #expect(evaluation.decision.skippedThresholds == [0, 1, 7, 30, 90, 180])
        #expect(evaluation.decision.records(given: evaluation.ledger))
        let recorded = evaluation.decision.applied(to: evaluation.ledger)
        #expect(recorded.expiredFor == [F.day("2024-06-30")])
        // Nothing is left to say about this expiry on any later day.
        #expect(evaluation.schedule.nextDueOn == nil)
    }

    @Test func anExpiryExactlyAtTheLimitIsStillNews() {
        let evaluation = evaluate([Self.signed], on: "2024-07-30")
        #expect(evaluation.decision.emit == [ExpiryNotification(kind: .expired, expiresOn: F.day("2024-06-30"), daysRemaining: -30)])
        #expect(!evaluation.decision.skipsExpired)
    }

    @Test func theLimitIsConfigurable() {
        #expect(evaluate([Self.signed], on: "2024-07-03", expiredAlertDays: 2).decision.skipsExpired)
        #expect(evaluate([Self.signed], on: "2024-07-02", expiredAlertDays: 2).decision.emit.map(\.kind) == [.expired])
    }

    /// A daemon that was down across the expiry still reports it: only a first evaluation skips.
    @Test func anAgreementEvaluatedBeforeStillGetsItsExpiredLate() {
        let before = evaluate([Self.signed], on: "2024-05-01")
        let ledger = LedgerEntry(state: before.decision.applied(to: before.ledger), schedule: before.schedule)
        let late = evaluate([Self.signed], on: "2024-12-31", ledger: ledger)
        #expect(late.decision.emit.map(\.kind) == [.expired])
        #expect(!late.decision.skipsExpired)
    }

    @Test func aTerminationFirstSeenIsStillEmitted() {
        let terminated = evaluate([Self.signed, F.event("2", .termination, "2024-06-01")], on: "2030-01-01")
        #expect(terminated.decision.emit.map(\.kind) == [.terminated])
        #expect(!terminated.decision.skipsExpired)
        #expect(terminated.isTerminated)
        #expect(terminated.changesEvaluationRow)
    }

    @Test func anExtensionAfterHistoryIsNewsAgain() {
        let history = evaluate([Self.signed], on: "2024-09-01")
        let ledger = LedgerEntry(state: history.decision.applied(to: history.ledger), schedule: history.schedule)
        let extended = evaluate(
            [Self.signed, F.event("3", .extension, "2024-09-01", extendsBy: "P1Y")], on: "2024-09-02", ledger: ledger)
        #expect(extended.decision.emit.map(\.kind) == [.extended])
    }
}
