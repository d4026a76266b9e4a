/// The `alertname` label of an agreement's alert to Alertmanager (contract §12).
public enum ExpiryAlertName: String, Sendable, Hashable, CaseIterable {
    case expiring = "AgreementExpiring"
    case expired = "AgreementExpired"
}
