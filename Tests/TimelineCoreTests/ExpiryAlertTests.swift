import Testing
import TimelineCore

/// Which alert an agreement stands for in Alertmanager on a date (contract §12).
@Suite struct ExpiryAlertTests {
    typealias F = LifecycleFixture

    private func alert(
        expiresOn: String = "2024-06-30", extra: [LifecycleEvent] = [], on date: String, alertDays: [Int]? = nil,
        expiredAlertDays: Int = 30
    ) -> ExpiryAlert? {
        let events = [F.event("1", .signing, "2020-01-01", expiresOn: expiresOn)] + extra
        let input = AgreementInput(id: "pact", title: "Pact", parties: [], alertDays: alertDays, events: events)
        return ExpiryAlert(input, on: F.day(date), defaultThresholds: F.defaultThresholds, expiredAlertDays: expiredAlertDays)
    }

    @Test func anActiveAgreementHasNoAlert() {
        #expect(alert(on: "2024-01-01") == nil)
    }

    @Test func expiringIsAWarningFromTheLargestThresholdOn() {
        let warning = alert(on: "2024-03-01")
        #expect(warning?.labels == ["alertname": "AgreementExpiring", "agreement": "pact", "severity": "warning"])
        #expect(warning?.startsOn == F.day("2024-01-02")) // 2024-06-30 − 180 days
        #expect(warning?.summary == "Pact expires on 2024-06-30")
        #expect(warning?.description(on: F.day("2024-03-01")) == "Pact (agreement pact) expires on 2024-06-30: 121 days remaining.")
    }

    @Test func withinSevenDaysItIsCriticalFromTheSeventhDayBefore() {
        let critical = alert(on: "2024-06-25")
        #expect(critical?.severity == .critical)
        #expect(critical?.name == .expiring)
        #expect(critical?.startsOn == F.day("2024-06-23"))
        #expect(alert(on: "2024-06-22")?.severity == .warning)
        // A largest threshold under 7 days: expiring and critical begin together.
        #expect(alert(on: "2024-06-28", alertDays: [3])?.startsOn == F.day("2024-06-27"))
        #expect(alert(on: "2024-06-30")?.description(on: F.day("2024-06-30")) == "Pact (agreement pact) expires today, 2024-06-30.")
    }

    @Test func expiredIsCriticalForExpiredAlertDaysDays() {
        let expired = alert(on: "2024-07-01")
        #expect(expired?.labels == ["alertname": "AgreementExpired", "agreement": "pact", "severity": "critical"])
        #expect(expired?.startsOn == F.day("2024-07-01"))
        #expect(expired?.description(on: F.day("2024-07-02")) == "Pact (agreement pact) expired on 2024-06-30, 2 days ago.")
        // The boundary: 30 days after the expiry still alerted, 31 no longer.
        #expect(alert(on: "2024-07-30")?.name == .expired)
        #expect(alert(on: "2024-07-31") == nil)
        #expect(alert(on: "2024-07-03", expiredAlertDays: 2) == nil)
    }

    @Test func aTerminatedAgreementHasNoAlert() {
        #expect(alert(extra: [F.event("2", .termination, "2024-06-01")], on: "2024-06-25") == nil)
    }
}
