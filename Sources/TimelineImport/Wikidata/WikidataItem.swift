import TimelineCore

/// A Wikidata item (`Q<number>`), read from its entity URI, and the names it gets here.
public struct WikidataItem: Sendable, Hashable, CustomStringConvertible {
    /// The digits after `Q`, without leading zeros.
    public let number: String

    private static let entityPrefixes = ["http://www.wikidata.org/entity/", "https://www.wikidata.org/entity/"]
    /// Wikidata counts its items in the hundreds of millions; this leaves room and keeps every
    /// name below well inside the contract's identifier lengths.
    private static let maximumDigits = 18

    /// The item of an entity URI such as `http://www.wikidata.org/entity/Q1052166`.
    init(_ term: SPARQLTerm, variable: String) throws(TreatyRowProblem) {
        guard term.kind == .uri,
              let prefix = Self.entityPrefixes.first(where: { term.value.hasPrefix($0) }),
              case let name = term.value.dropFirst(prefix.count), name.first == "Q",
              case let digits = name.dropFirst(), (1...Self.maximumDigits).contains(digits.count),
              digits.first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber })
        else {
            throw TreatyRowProblem(variable, "must be a Wikidata item URI (http://www.wikidata.org/entity/Q…), not \(Quoting.quoted(term.value))")
        }
        number = String(digits)
    }

    public var description: String { "Q" + number }

    /// The agreement the treaty becomes: `wd-q1052166`.
    public var agreementID: String { "wd-q" + number }

    /// The key of the event recording `property` of this item: `wikidata:Q1052166:P580`.
    func eventKey(_ property: WikidataProperty) -> String { "wikidata:Q\(number):\(property.rawValue)" }

    var pageURL: String { "https://www.wikidata.org/wiki/Q" + number }
}

/// The properties whose dates become lifecycle events, by the key they give those events.
enum WikidataProperty: String {
    /// Signatory: `signing` at the earliest signature (or, without one, the item's own date).
    case signatory = "P1891"
    /// Start time: `entry_into_force`.
    case startTime = "P580"
    /// End time: `expiration` once it is past.
    case endTime = "P582"
}
