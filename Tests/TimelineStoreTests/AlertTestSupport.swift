import Foundation
import Postgres
import Testing
import TimelineAlerts
import TimelineCore
import TimelineStore

/// The contract's default thresholds (§5).
let defaultThresholds = [180, 90, 30, 7, 1, 0]

func day(_ text: String) throws -> CalendarDate {
    try CalendarDate(parsing: text)
}

/// Every day of `first...last`.
func days(_ first: String, _ last: String) throws -> [CalendarDate] {
    let (start, end) = (try day(first), try day(last))
    return (start.dayNumber...end.dayNumber).compactMap { CalendarDate(dayNumber: $0) }
}

/// `2023-08-31 reached T=180 E=2024-02-27 d=180 us-cn-sta`: the date evaluated, the fields that
/// are set, the agreement — the format of the core's alert simulation, so logs compare at a glance.
func line(_ delivered: DeliverableNotification) -> String {
    let notification = delivered.notification
    var parts = ["\(delivered.evaluatedOn)", notification.kind.rawValue]
    if let threshold = notification.threshold { parts.append("T=\(threshold)") }
    if let expiry = notification.expiresOn { parts.append("E=\(expiry)") }
    if let previous = notification.previousExpiresOn { parts.append("prev=\(previous)") }
    if let days = notification.daysRemaining { parts.append("d=\(days)") }
    parts.append(delivered.agreementID)
    return parts.joined(separator: " ")
}

/// Runs `pass` on each date in turn; the lines of everything it delivered, in order.
func run(_ pass: AlertRound, on dates: [CalendarDate], thresholds: [Int] = defaultThresholds) async throws -> [String] {
    var log: [String] = []
    for date in dates { log += try await pass.run(on: date, defaultThresholds: thresholds).map(line) }
    return log
}

/// A JSON body a store function returned, parsed.
func json(_ value: some Encodable) throws -> JSONValue {
    try JSONValue(parsing: try JSONEncoder().encode(value))
}

/// The notifications rows that were emitted (not skipped), one line each as `line(_:)` writes
/// them, in ledger order.
func emittedRows(_ pool: PostgresPool) async throws -> [String] {
    try await pool.query(
        """
        SELECT concat_ws(' ', evaluated_on, event, 'T=' || threshold, 'E=' || expires_on, 'prev=' || previous_expires_on,
                         'd=' || days_remaining, agreement_id)
        FROM notifications WHERE NOT skipped ORDER BY id
        """
    ).map { try $0.string(0) }
}

/// An agreement with a signing that sets its expiry, as one ingest record.
func signing(_ agreement: String, expiresOn: String, date: String = "2020-01-01", parties: [String] = ["US", "CN"]) -> String {
    let partyList = parties.map { "\"\($0)\"" }.joined(separator: ", ")
    return """
        {"key": "\(agreement)-signing", "kind": "signing", "title": "\(agreement) signed", "date": "\(date)", \
        "agreement": {"id": "\(agreement)", "title": "The \(agreement) agreement", "parties": [\(partyList)]}, \
        "expires_on": "\(expiresOn)"}
        """
}
