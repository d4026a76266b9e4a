import Testing
import TimelineCore

/// What an Alertmanager round sends, given what it sent before (contract §12).
@Suite struct AlertmanagerPlanTests {
    typealias F = LifecycleFixture

    private func alert(
        _ agreement: String, _ name: ExpiryAlertName, _ severity: ExpiryAlertSeverity, expiresOn: String = "2024-06-30",
        startsOn: String = "2024-01-02"
    ) -> ExpiryAlert {
        ExpiryAlert(
            agreementID: agreement, title: agreement.uppercased(), name: name, severity: severity, expiresOn: F.day(expiresOn),
            startsOn: F.day(startsOn))
    }

    @Test func theFirstRoundFiresEveryCurrentAlert() {
        let current = [alert("b", .expiring, .warning), alert("a", .expired, .critical)]
        let plan = AlertmanagerPlan(current: current, sent: [])
        #expect(plan.firing.map(\.agreementID) == ["a", "b"])
        #expect(plan.resolved.isEmpty)
    }

    @Test func anUnchangedAlertIsResentAndResolvesNothing() {
        let sent = [alert("a", .expiring, .warning)]
        let plan = AlertmanagerPlan(current: sent, sent: sent)
        #expect(plan.firing == sent)
        #expect(plan.resolved.isEmpty)
    }

    @Test func aLabelChangeResolvesTheOldAlert() {
        let warning = alert("a", .expiring, .warning)
        let critical = alert("a", .expiring, .critical, startsOn: "2024-06-23")
        let toCritical = AlertmanagerPlan(current: [critical], sent: [warning])
        #expect(toCritical.firing == [critical])
        #expect(toCritical.resolved == [warning])

        let expired = alert("a", .expired, .critical, startsOn: "2024-07-01")
        let toExpired = AlertmanagerPlan(current: [expired], sent: [critical])
        #expect(toExpired.firing == [expired])
        #expect(toExpired.resolved == [critical])
    }

    @Test func leavingTheStateResolves() {
        let sent = [alert("a", .expiring, .critical), alert("b", .expired, .critical)]
        let plan = AlertmanagerPlan(current: [], sent: sent)
        #expect(plan.firing.isEmpty)
        #expect(plan.resolved == sent)
    }

    /// Extended but still in the same band: the same alert, about the new expiry, from the same start.
    @Test func anAlertWithTheSameLabelsKeepsItsStart() {
        let sent = alert("a", .expiring, .warning, expiresOn: "2024-06-30", startsOn: "2024-01-02")
        let extended = alert("a", .expiring, .warning, expiresOn: "2024-08-30", startsOn: "2024-03-03")
        let plan = AlertmanagerPlan(current: [extended], sent: [sent])
        #expect(plan.resolved.isEmpty)
        #expect(plan.firing.map(\.expiresOn) == [F.day("2024-08-30")])
        #expect(plan.firing.map(\.startsOn) == [F.day("2024-01-02")])
    }
}
