/// An event's curation `status` (contract §9): whether a person has confirmed it, or it waits
/// for review. Candidates are stored and revised like any event but left out of timelines (unless
/// asked for), actor counts, the calendar, lifecycles and notifications.
public enum CurationStatus: String, CaseIterable, Sendable, Codable {
    /// The default: what v1 ingests and what a reviewer confirmed.
    case confirmed
    /// Proposed by an importer (or a record that says so), waiting for review.
    case candidate

    /// `confirmed, candidate` — for messages listing what is accepted.
    static var list: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
