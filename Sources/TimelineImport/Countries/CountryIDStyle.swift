/// Which ISO 3166-1 code importers use as a country's actor id: `import.country_codes`.
/// Alpha-2 (`US`) by default, as in the sample data; alpha-3 (`USA`) lets imported events join a
/// database that already names countries that way.
public enum CountryIDStyle: String, Sendable, CaseIterable {
    case alpha2
    case alpha3
}
