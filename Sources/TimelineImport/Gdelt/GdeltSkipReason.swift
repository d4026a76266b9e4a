/// Why a well-formed row was not taken, under the names the summary counts them by (contract §10),
/// in the order the rules are applied.
public enum GdeltSkipReason: String, CaseIterable, Sendable {
    /// `EventCode` is not one of the mapped codes.
    case code
    /// An actor country is unset, not an ISO 3166-1 country, or both are the same.
    case actors
    /// Fewer `NumSources` than `import.gdelt.min_sources`.
    case sources
    /// Not a root event while `import.gdelt.root_only` is set.
    case root

    public static let summaryNames = allCases.map(\.rawValue)
}
