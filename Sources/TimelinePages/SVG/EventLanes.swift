/// Packs marks into lanes so that none overlaps another (first lane with room, in order of
/// position); marks past the last lane are gathered into clusters by position, so a band stays
/// readable however many events share a span of the axis.
struct EventLanes<Item> {
    struct Placed {
        let item: Item
        let lane: Int
    }

    struct Cluster {
        /// The centre of the cluster's bin, in the same unit as the positions.
        let center: Double
        let items: [Item]
    }

    private(set) var placed: [Placed] = []
    private(set) var clusters: [Cluster] = []
    private(set) var laneCount = 0

    /// - Parameters:
    ///   - items: each with the extent it occupies, gap included.
    ///   - maximumLanes: lanes before clustering starts.
    ///   - clusterWidth: the width of the bins overflowing marks are gathered in.
    init(_ items: [(item: Item, from: Double, to: Double)], maximumLanes: Int, clusterWidth: Double) {
        var laneEnds: [Double] = []
        laneEnds.reserveCapacity(maximumLanes)
        placed.reserveCapacity(items.count)
        var overflow: [Int: [Item]] = [:]
        for entry in items.sorted(by: { $0.from < $1.from }) {
            if let lane = laneEnds.firstIndex(where: { $0 <= entry.from }) {
                laneEnds[lane] = entry.to
                placed.append(Placed(item: entry.item, lane: lane))
            } else if laneEnds.count < maximumLanes {
                laneEnds.append(entry.to)
                placed.append(Placed(item: entry.item, lane: laneEnds.count - 1))
            } else {
                overflow[Int((entry.from / clusterWidth).rounded(.down)), default: []].append(entry.item)
            }
        }
        laneCount = laneEnds.count
        clusters = overflow.keys.sorted().map { bin in
            Cluster(center: (Double(bin) + 0.5) * clusterWidth, items: overflow[bin] ?? [])
        }
    }
}
