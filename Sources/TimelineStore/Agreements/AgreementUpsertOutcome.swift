/// What `AgreementStore.upsert` did, so the API can answer 201 for a new agreement.
public enum AgreementUpsertOutcome: String, Sendable, Hashable {
    case created
    case updated
    case unchanged
}
