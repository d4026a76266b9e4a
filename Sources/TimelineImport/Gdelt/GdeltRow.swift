import TimelineCore

/// The cells of one export row that the import reads, decoded. Only rows whose `EventCode` is
/// taken are ever decoded.
public struct GdeltRow: Hashable, Sendable {
    public var globalEventID: UInt64
    /// `SQLDATE`: the day of the event.
    public var day: CalendarDate
    /// As GDELT writes them (CAMEO codes); empty when unset.
    public var actor1CountryCode: String
    public var actor2CountryCode: String
    public var isRootEvent: Bool
    public var eventCode: CameoEventCode
    public var numSources: Int
    /// `ActionGeo_FullName`; empty when unset.
    public var actionLocation: String
    /// `DATEADDED`: when GDELT recorded the row.
    public var dateAdded: GdeltTimestamp
    public var sourceURL: String

    public init(
        globalEventID: UInt64, day: CalendarDate, actor1CountryCode: String, actor2CountryCode: String,
        isRootEvent: Bool, eventCode: CameoEventCode, numSources: Int, actionLocation: String,
        dateAdded: GdeltTimestamp, sourceURL: String
    ) {
        self.globalEventID = globalEventID
        self.day = day
        self.actor1CountryCode = actor1CountryCode
        self.actor2CountryCode = actor2CountryCode
        self.isRootEvent = isRootEvent
        self.eventCode = eventCode
        self.numSources = numSources
        self.actionLocation = actionLocation
        self.dateAdded = dateAdded
        self.sourceURL = sourceURL
    }
}
