import TimelineCore

/// Completions of "must be …" shared by the endpoints that read the same kind of value, so one
/// kind of value is described one way everywhere.
enum Expected {
    static let actor = "an actor id: 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit"
    static let agreement = "an agreement id: 1–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
    static let curationStatuses = "a comma-separated list of curation statuses (confirmed, candidate)"
    static let kinds = "a comma-separated list of event kinds (\(EventKind.allCases.map(\.rawValue).joined(separator: ", ")))"
    /// Spelled out: `AgreementStatus` lists its cases nowhere else.
    static let statuses = "a comma-separated list of agreement statuses (active, expiring, expired, terminated)"
    static let date = "a date YYYY, YYYY-MM or YYYY-MM-DD"
    static let day = "a day YYYY-MM-DD"
    static let text = "non-empty text without NUL characters"
    static let instant = "an RFC 3339 instant such as 2023-08-27T10:15:00Z"
}
