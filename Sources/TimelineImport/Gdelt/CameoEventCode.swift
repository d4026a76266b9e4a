/// The CAMEO event codes the import takes (contract §10), and the kind of event each one is.
public enum CameoEventCode: String, CaseIterable, Sendable, Comparable {
    case consult = "040"
    case discussByTelephone = "041"
    case makeVisit = "042"
    case hostVisit = "043"
    case meetAtThirdLocation = "044"
    case mediate = "045"
    case negotiate = "046"
    case signFormalAgreement = "057"

    /// The code of an `EventCode` cell, nil for every code not taken: decided on the bytes, since
    /// most rows of a file stop here.
    init?(cell: UnsafeRawBufferPointer) {
        guard cell.count == 3, cell[0] == UInt8(ascii: "0") else { return nil }
        switch (cell[1], cell[2]) {
        case (UInt8(ascii: "4"), UInt8(ascii: "0")): self = .consult
        case (UInt8(ascii: "4"), UInt8(ascii: "1")): self = .discussByTelephone
        case (UInt8(ascii: "4"), UInt8(ascii: "2")): self = .makeVisit
        case (UInt8(ascii: "4"), UInt8(ascii: "3")): self = .hostVisit
        case (UInt8(ascii: "4"), UInt8(ascii: "4")): self = .meetAtThirdLocation
        case (UInt8(ascii: "4"), UInt8(ascii: "5")): self = .mediate
        case (UInt8(ascii: "4"), UInt8(ascii: "6")): self = .negotiate
        case (UInt8(ascii: "5"), UInt8(ascii: "7")): self = .signFormalAgreement
        default: return nil
        }
    }

    /// Which group of events a row of this code joins.
    public var eventType: GdeltEventType {
        switch self {
        case .makeVisit, .hostVisit: .visit
        case .consult, .meetAtThirdLocation, .mediate, .negotiate: .meeting
        case .discussByTelephone: .phoneCall
        case .signFormalAgreement: .signing
        }
    }

    /// Whether Actor1 is the guest (042) rather than the host (043); nil for codes without roles.
    var actor1IsGuest: Bool? {
        switch self {
        case .makeVisit: true
        case .hostVisit: false
        default: nil
        }
    }

    /// The record tag naming the code: `cameo:042`.
    public var tag: String { "cameo:" + rawValue }

    public static func < (lhs: CameoEventCode, rhs: CameoEventCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
