import Foundation
import TimelineCore

/// The body of `POST {url}/api/v2/alerts` for one plan (contract §12): a JSON array of
/// postable alerts, the firing ones ending `4 × resend_seconds` from now, so that Alertmanager
/// resolves them by itself should the daemons stop sending, and the resolved ones ending now.
struct AlertmanagerPayload {
    let date: CalendarDate
    let now: Date
    let timeZone: TimeZone
    let resendSeconds: Int
    /// `http.public_url`, without a trailing slash.
    let publicURL: String

    func body(for plan: AlertmanagerPlan) -> [UInt8] {
        let firingUntil = now.addingTimeInterval(TimeInterval(4 * resendSeconds))
        let alerts = plan.firing.map { alert(for: $0, endsAt: firingUntil) } + plan.resolved.map { alert(for: $0, endsAt: now) }
        return Array(JSONValue.array(alerts).canonicalText.utf8)
    }

    private func alert(for alert: ExpiryAlert, endsAt: Date) -> JSONValue {
        // A start that cannot be placed (a day outside the calendar's range) is left to Alertmanager: now.
        let startsAt = min(alert.startsOn.start(in: timeZone) ?? now, endsAt)
        return .object([
            "labels": .object(alert.labels.mapValues(JSONValue.string)),
            "annotations": .object([
                "summary": .string(alert.summary),
                "description": .string(alert.description(on: date)),
                "expires_on": .string(alert.expiresOn.description),
            ]),
            "startsAt": .string(Self.timestamp(startsAt)),
            "endsAt": .string(Self.timestamp(endsAt)),
            "generatorURL": .string(publicURL + "/v1/agreements/" + Self.pathSegment(alert.agreementID)),
        ])
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    private static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? text
    }
}
