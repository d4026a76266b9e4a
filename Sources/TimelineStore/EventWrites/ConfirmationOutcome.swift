import Foundation

/// What `POST /v1/events/{id}/confirm` did (contract §9).
public enum ConfirmationOutcome: Sendable, Equatable {
    /// The new revision, as `event_document` shows it.
    case confirmed(Data)
    /// No such event.
    case notFound
    /// The event's current revision is confirmed already, or retracted: there is nothing to confirm.
    case notCandidate(retracted: Bool)
}
