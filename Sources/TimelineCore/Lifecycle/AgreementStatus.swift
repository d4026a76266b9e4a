/// An agreement's status on a date (contract §4).
public enum AgreementStatus: String, Sendable, CaseIterable {
    case active
    case expiring
    case expired
    case terminated
}
