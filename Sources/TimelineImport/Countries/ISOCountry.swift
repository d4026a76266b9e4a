/// A country of ISO 3166-1, as importers name it: by its alpha-2 or alpha-3 code (contract §10, §11).
public struct ISOCountry: Hashable, Sendable {
    public let alpha2: String
    public let alpha3: String
    /// A short English name, for titles ("United States visit to China").
    public let name: String

    public init(alpha2: String, alpha3: String, name: String) {
        self.alpha2 = alpha2
        self.alpha3 = alpha3
        self.name = name
    }

    /// The actor id importers give this country.
    public func id(_ style: CountryIDStyle) -> String {
        switch style {
        case .alpha2: alpha2
        case .alpha3: alpha3
        }
    }

    public static func withAlpha2(_ code: String) -> ISOCountry? { byAlpha2[code] }

    public static func withAlpha3(_ code: String) -> ISOCountry? { byAlpha3[code] }

    private static let byAlpha2 = Dictionary(uniqueKeysWithValues: all.map { ($0.alpha2, $0) })
    private static let byAlpha3 = Dictionary(uniqueKeysWithValues: all.map { ($0.alpha3, $0) })
}
