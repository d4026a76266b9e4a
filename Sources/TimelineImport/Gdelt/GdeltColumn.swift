/// The columns of a GDELT 2.0 Events export row that the importer reads, by their 0-based
/// position among the 61 (GDELT Event Codebook V2.0; names as in `events-header.tsv`).
enum GdeltColumn: Int, CaseIterable {
    case globalEventID = 0
    case sqlDate = 1
    case actor1CountryCode = 7
    case actor2CountryCode = 17
    case isRootEvent = 25
    case eventCode = 26
    case numSources = 32
    case actionGeoFullName = 52
    case dateAdded = 59
    case sourceURL = 60

    static let count = 61

    /// The codebook's name, for messages about the column.
    var name: String {
        switch self {
        case .globalEventID: "GLOBALEVENTID"
        case .sqlDate: "SQLDATE"
        case .actor1CountryCode: "Actor1CountryCode"
        case .actor2CountryCode: "Actor2CountryCode"
        case .isRootEvent: "IsRootEvent"
        case .eventCode: "EventCode"
        case .numSources: "NumSources"
        case .actionGeoFullName: "ActionGeo_FullName"
        case .dateAdded: "DATEADDED"
        case .sourceURL: "SOURCEURL"
        }
    }
}
