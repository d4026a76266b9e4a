import TimelineCore

/// What makes rows one real event (contract §10): a visit is (guest, host, day) whichever side
/// reported it — 042 US→CN and 043 CN→US of a day are one visit —, other events are (type,
/// unordered pair, day).
public struct GdeltGroupKey: Hashable, Sendable {
    public let type: GdeltEventType
    /// The guest of a visit; of the others, the country whose alpha-2 code sorts first.
    public let first: ISOCountry
    /// The host of a visit; of the others, the other country.
    public let second: ISOCountry
    public let day: CalendarDate

    public init(_ taken: GdeltTakenRow) {
        let code = taken.row.eventCode
        type = code.eventType
        if let actor1IsGuest = code.actor1IsGuest {
            (first, second) = actor1IsGuest ? (taken.actor1, taken.actor2) : (taken.actor2, taken.actor1)
        } else {
            (first, second) = taken.actor1.alpha2 < taken.actor2.alpha2 ? (taken.actor1, taken.actor2) : (taken.actor2, taken.actor1)
        }
        day = taken.row.day
    }

    /// The event's record `key`, e.g. `gdelt:visit:US-CN:2019-10-24`: the same real event gets the
    /// same key from any file, so a re-import or a later file updates it. Alpha-2 codes whatever
    /// `import.country_codes` says, so that changing that setting does not duplicate events.
    public var recordKey: String {
        "gdelt:\(type.rawValue):\(first.alpha2)-\(second.alpha2):\(day)"
    }
}
