/// The `kind` of an event (contract §2): four plain kinds and seven agreement lifecycle kinds.
public enum EventKind: String, CaseIterable, Sendable, Codable {
    case visit
    case meeting
    case statement
    case other
    case signing
    case entryIntoForce = "entry_into_force"
    case amendment
    case `extension`
    case renewal
    case expiration
    case termination

    /// Lifecycle kinds need an `agreement` and drive its status (contract §4).
    public var isLifecycle: Bool {
        lifecycleOrder != nil
    }

    /// The kinds that may set an agreement's expiry with `expires_on`.
    public var allowsExpiresOn: Bool {
        switch self {
        case .signing, .entryIntoForce, .amendment, .extension, .renewal: true
        default: false
        }
    }

    /// The kinds that may push an agreement's expiry out with `extends_by`.
    public var allowsExtendsBy: Bool {
        self == .extension || self == .renewal
    }

    /// Position among lifecycle events on the same date (contract §4); nil for plain kinds.
    public var lifecycleOrder: Int? {
        switch self {
        case .signing: 0
        case .entryIntoForce: 1
        case .expiration: 2
        case .amendment: 3
        case .extension: 4
        case .renewal: 5
        case .termination: 6
        case .visit, .meeting, .statement, .other: nil
        }
    }

    /// `visit, meeting, …` — for messages listing what is accepted.
    static func list(_ kinds: [EventKind]) -> String {
        kinds.map(\.rawValue).joined(separator: ", ")
    }
}
