import TimelineCore
import TimelineStore

/// `POST /v1/events/{id}/confirm` (`EventConfirmer`): a candidate's confirmation, as a new revision.
public protocol EventConfirming: Sendable {
    func confirm(id: Int64, changes: JSONValue?) async throws(IngestError) -> ConfirmationOutcome
}

extension EventConfirmer: EventConfirming {}
