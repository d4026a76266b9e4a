/// What one round of an Alertmanager channel sends (contract §12), decided from the alerts the
/// agreements stand for now and those the channel last sent as firing: Alertmanager wants the
/// state, re-sent while it lasts, and a resolution when it ends.
public struct AlertmanagerPlan: Sendable, Hashable {
    /// Sent with `endsAt` in the future: every current alert, ordered by agreement. One whose
    /// labels were already firing keeps the `startsOn` it was sent with, so that an extension
    /// within the same band does not move the alert's start.
    public let firing: [ExpiryAlert]
    /// Sent once more with `endsAt` = now: each sent alert whose agreement no longer has an alert
    /// with the same labels — it left the state (extended or renewed out of every threshold,
    /// terminated, expired too long ago) or its labels changed (warning → critical, expiring →
    /// expired). Ordered by agreement.
    public let resolved: [ExpiryAlert]

    /// - Parameters:
    ///   - current: the alerts of the agreements evaluated, at most one per agreement. Every
    ///     agreement of `sent` must have been evaluated: one missing from `current` has no alert.
    ///   - sent: what the channel last sent as firing, at most one per agreement.
    public init(current: [ExpiryAlert], sent: [ExpiryAlert]) {
        let sentByAgreement = Dictionary(sent.map { ($0.agreementID, $0) }, uniquingKeysWith: { first, _ in first })
        firing = current.map { alert in
            guard let previous = sentByAgreement[alert.agreementID], previous.hasSameLabels(as: alert) else { return alert }
            return ExpiryAlert(
                agreementID: alert.agreementID, title: alert.title, name: alert.name, severity: alert.severity,
                expiresOn: alert.expiresOn, startsOn: previous.startsOn)
        }.sorted { $0.agreementID < $1.agreementID }
        let firingByAgreement = Dictionary(firing.map { ($0.agreementID, $0) }, uniquingKeysWith: { first, _ in first })
        resolved = sent.filter { previous in
            guard let now = firingByAgreement[previous.agreementID] else { return true }
            return !now.hasSameLabels(as: previous)
        }.sorted { $0.agreementID < $1.agreementID }
    }

    /// Nothing to send.
    public var isEmpty: Bool { firing.isEmpty && resolved.isEmpty }
}
