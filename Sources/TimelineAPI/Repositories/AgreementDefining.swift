import TimelineCore
import TimelineStore

/// `POST /v1/agreements` (`AgreementStore.upsert`): creates or updates an agreement's metadata.
public protocol AgreementDefining: Sendable {
    func upsert(_ metadata: AgreementMetadata) async throws -> AgreementUpsertOutcome
}

extension AgreementStore: AgreementDefining {}
