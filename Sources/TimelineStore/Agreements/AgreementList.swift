/// The body of `GET /v1/agreements`: `{"agreements": [...]}`, ordered by id.
public struct AgreementList: Sendable, Hashable, Encodable {
    public let agreements: [AgreementLifecycleView]

    public init(agreements: [AgreementLifecycleView]) {
        self.agreements = agreements
    }
}
