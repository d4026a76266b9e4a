/// The import's options (contract §10), as the configuration gives them.
public struct GdeltImportSettings: Sendable, Hashable {
    /// `import.gdelt.min_sources`: rows with fewer `NumSources` are skipped.
    public var minimumSources: Int
    /// `import.gdelt.root_only`: when true, rows that are not `IsRootEvent` are skipped.
    public var rootEventsOnly: Bool
    /// `import.country_codes`.
    public var countryIDs: CountryIDStyle

    public init(minimumSources: Int = 1, rootEventsOnly: Bool = false, countryIDs: CountryIDStyle = .alpha2) {
        self.minimumSources = minimumSources
        self.rootEventsOnly = rootEventsOnly
        self.countryIDs = countryIDs
    }
}
