/// A timeline request (contract §3, `GET /v1/timeline`), parsed and validated by the API; the
/// store turns it into one statement and trusts it.
public struct TimelineQuery: Sendable, Hashable {
    /// Events involving every listed actor.
    public var actors: [String] = []
    public var agreement: String?
    /// Events of any of these kinds; empty: every kind.
    public var kinds: [EventKind] = []
    /// Events whose interval overlaps `[from.start, to.end]`; either side may be open.
    public var from: PartialDate?
    public var to: PartialDate?
    /// `q`: full text over title and summary (`websearch_to_tsquery`, English).
    public var text: String?
    public var tag: String?
    /// Events whose revision (current, or in force at `asOf`) has one of these statuses
    /// (contract §9): confirmed events by default, candidates for the review queue.
    public var statuses: Set<CurationStatus> = [.confirmed]
    /// The timeline as it was recorded at that instant, from the revision history.
    public var asOf: RFC3339Timestamp?
    public var order: SortDirection = .ascending
    /// 1...1000.
    public var limit: Int = 100
    /// The page starts after this position, read in `order`: a cursor carries the order it was made
    /// in so that the API can refuse one used with the other.
    public var cursor: TimelineCursor?

    public init() {}
}
