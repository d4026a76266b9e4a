import TimelineCore

/// The four kinds of real event GDELT rows are grouped into (contract §10): a visit has a guest
/// and a host; the others have two participants, in no order. A phone call is a meeting of its
/// own, never merged with one held in person.
public enum GdeltEventType: String, CaseIterable, Sendable, Comparable {
    case visit
    case meeting
    case phoneCall = "phone"
    case signing

    public var kind: EventKind {
        switch self {
        case .visit: .visit
        case .meeting, .phoneCall: .meeting
        // No agreement is named: a reviewer makes it a `signing` of one when confirming it.
        case .signing: .other
        }
    }

    /// The tag that tells this type apart where `kind` does not.
    public var tag: String? {
        switch self {
        case .visit, .meeting: nil
        case .phoneCall: "phone"
        case .signing: "signing"
        }
    }

    /// A title such as "United States visit to China" or "China – Russia meeting".
    func title(_ first: ISOCountry, _ second: ISOCountry) -> String {
        switch self {
        case .visit: "\(first.name) visit to \(second.name)"
        case .meeting: "\(first.name) – \(second.name) meeting"
        case .phoneCall: "\(first.name) – \(second.name) phone call"
        case .signing: "\(first.name) – \(second.name) agreement signed"
        }
    }

    public static func < (lhs: GdeltEventType, rhs: GdeltEventType) -> Bool { lhs.rawValue < rhs.rawValue }
}
