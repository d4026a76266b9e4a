/// One agreement's alert to Alertmanager (contract §12): its label set (`alertname`, `agreement`,
/// `severity`) and what the annotations and `startsAt` are made of. Alertmanager tells alerts
/// apart by their labels, so an alert whose labels change is a new alert, and the old one must be
/// resolved.
public struct ExpiryAlert: Sendable, Hashable {
    public let agreementID: String
    public let title: String
    public let name: ExpiryAlertName
    public let severity: ExpiryAlertSeverity
    public let expiresOn: CalendarDate
    /// The day the agreement entered the state these labels describe: `startsAt` is its start.
    public let startsOn: CalendarDate

    public init(
        agreementID: String, title: String, name: ExpiryAlertName, severity: ExpiryAlertSeverity, expiresOn: CalendarDate,
        startsOn: CalendarDate
    ) {
        self.agreementID = agreementID
        self.title = title
        self.name = name
        self.severity = severity
        self.expiresOn = expiresOn
        self.startsOn = startsOn
    }

    /// The alert `input` stands for on `date`: while it is `expiring`, or `expired` for at most
    /// `expiredAlertDays` days; nil otherwise (active, terminated, without a known expiry, or
    /// expired longer ago).
    public init?(_ input: AgreementInput, on date: CalendarDate, defaultThresholds: [Int], expiredAlertDays: Int) {
        let thresholds = input.thresholds(default: defaultThresholds)
        let lifecycle = input.lifecycle(on: date, thresholds: thresholds)
        guard let expiresOn = lifecycle.expiresOn, let daysRemaining = lifecycle.daysRemaining else { return nil }
        let largestThreshold = thresholds.first ?? 0
        let name: ExpiryAlertName
        let startsOn: CalendarDate?
        switch lifecycle.status {
        case .expiring:
            name = .expiring
            // Critical from the day the critical band begins, or from the day it became expiring
            // when that band is the wider one.
            let enteredDaysBefore = daysRemaining <= ExpiryAlertSeverity.criticalWithinDays
                ? min(ExpiryAlertSeverity.criticalWithinDays, largestThreshold) : largestThreshold
            startsOn = expiresOn.adding(days: -enteredDaysBefore)
        case .expired where -daysRemaining <= expiredAlertDays:
            name = .expired
            startsOn = expiresOn.adding(days: 1)
        case .active, .expired, .terminated:
            return nil
        }
        self.init(
            agreementID: input.id, title: input.title, name: name, severity: .of(daysRemaining: daysRemaining),
            expiresOn: expiresOn, startsOn: startsOn ?? date)
    }

    /// What Alertmanager identifies the alert by.
    public var labels: [String: String] {
        ["alertname": name.rawValue, "agreement": agreementID, "severity": severity.rawValue]
    }

    /// The `summary` annotation.
    public var summary: String {
        switch name {
        case .expiring: "\(title) expires on \(expiresOn)"
        case .expired: "\(title) expired on \(expiresOn)"
        }
    }

    /// The `description` annotation: title, expiry date and days remaining on `date`.
    public func description(on date: CalendarDate) -> String {
        let remaining = CalendarDate.days(from: date, to: expiresOn)
        let days = abs(remaining) == 1 ? "1 day" : "\(abs(remaining)) days"
        return switch remaining {
        case 0: "\(title) (agreement \(agreementID)) expires today, \(expiresOn)."
        case 1...: "\(title) (agreement \(agreementID)) expires on \(expiresOn): \(days) remaining."
        default: "\(title) (agreement \(agreementID)) expired on \(expiresOn), \(days) ago."
        }
    }

    /// The same alert to Alertmanager: the same label set.
    public func hasSameLabels(as other: ExpiryAlert) -> Bool {
        (agreementID, name, severity) == (other.agreementID, other.name, other.severity)
    }
}
