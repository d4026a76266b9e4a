import TimelineCore

/// Taken rows gathered into one candidate event per real event (contract §10). A group can take
/// rows from anywhere in a file, or from several files, so every group is held until the end:
/// memory grows with the number of groups, not of rows.
public struct GdeltGrouping {
    private var groups: [GdeltGroupKey: GdeltEventGroup] = [:]

    public init() {}

    public var count: Int { groups.count }

    public mutating func add(_ taken: GdeltTakenRow) {
        let key = GdeltGroupKey(taken)
        groups[key, default: GdeltEventGroup(key: key)].add(taken.row)
    }

    /// One record per group, in `key` order.
    public func records(_ style: CountryIDStyle) -> [JSONValue] {
        groups.values.sorted { $0.key.recordKey < $1.key.recordKey }.map { $0.record(style) }
    }
}
