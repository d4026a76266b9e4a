/// `POST /v1/events/{id}/confirm` (contract §9): the record a confirmation stores — the current
/// one with the reviewer's changes applied and `status: confirmed` — validated as a whole, so
/// that a change that makes the record invalid is reported under its field.
public enum CandidateConfirmation {
    /// - Parameters:
    ///   - current: the event's current record, as stored.
    ///   - changes: the request's body, nil when it has none: record fields to set, `null` to
    ///     remove one. `key` cannot change (it names the event), and `status` can only be `confirmed`.
    public static func record(current: JSONValue, changes: JSONValue?) -> Result<EventRecord, ValidationErrors> {
        var issues = IssueCollector(index: nil, room: ValidationErrors.maximumReported)
        guard case .object(var members) = current else {
            preconditionFailure("a stored record is always an object")
        }
        switch changes {
        case nil:
            break
        case .object(let changed)?:
            if let key = changed["key"], key != members["key"] ?? .null {
                issues.add("key", "names the event and cannot change when it is confirmed")
            }
            if let status = changed["status"], status != .string(CurationStatus.confirmed.rawValue) {
                issues.add("status", "a confirmation sets 'confirmed'; leave it out or give 'confirmed'")
            }
            for (field, value) in changed where field != "key" && field != "status" {
                members[field] = value == .null ? nil : value
            }
        case let other?:
            issues.add("", "the body must be a JSON object of record fields to change, not \(other.typeDescription)")
        }
        guard issues.isEmpty else { return .failure(issues.errors) }
        members["status"] = nil
        return EventRecordValidator.validate(.object(members), index: nil)
    }
}
