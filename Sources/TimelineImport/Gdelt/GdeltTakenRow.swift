/// A row the import takes: its two actor countries are ISO 3166-1 countries, and different.
public struct GdeltTakenRow: Hashable, Sendable {
    public let row: GdeltRow
    public let actor1: ISOCountry
    public let actor2: ISOCountry

    public enum Decision: Hashable, Sendable {
        case taken(GdeltTakenRow)
        case skipped(GdeltSkipReason)
    }

    /// Applies the rules after the first (the code, decided while reading) in the contract's
    /// order, so that a row is counted under the first one it fails.
    public static func take(_ row: GdeltRow, _ settings: GdeltImportSettings) -> Decision {
        guard let actor1 = CameoCountryCode.country(row.actor1CountryCode),
            let actor2 = CameoCountryCode.country(row.actor2CountryCode), actor1 != actor2
        else { return .skipped(.actors) }
        guard row.numSources >= settings.minimumSources else { return .skipped(.sources) }
        guard row.isRootEvent || !settings.rootEventsOnly else { return .skipped(.root) }
        return .taken(GdeltTakenRow(row: row, actor1: actor1, actor2: actor2))
    }
}
