import TimelineCore

/// What the result rows say about one treaty item, merged. The query returns one row per treaty ×
/// signatory — and more where a treaty has several values of a date — so the same fact arrives
/// many times and counts once.
struct Treaty {
    let item: WikidataItem
    private(set) var label: String?
    /// ISO codes of the signatories, in the order they first appear.
    private(set) var parties: [String] = []
    private(set) var signatoriesWithoutCode: Set<String> = []
    private(set) var earliestSignature: PartialDate?
    private(set) var earliestOwnDate: PartialDate?
    /// The earliest start time: a treaty in force once is in force from then.
    private(set) var entryIntoForce: PartialDate?
    /// The latest end time: a later value records an extension.
    private(set) var end: PartialDate?
    /// The dates Wikidata holds at a precision (or in a year) the contract's dates cannot express,
    /// each named once (`signed Q30`, `start`, …).
    private(set) var unusableDates: Set<String> = []
    /// Result rows about this treaty, malformed ones not counted.
    private(set) var rowCount = 0

    init(item: WikidataItem) {
        self.item = item
    }

    mutating func add(_ row: TreatyRow) {
        rowCount += 1
        if label == nil { label = row.label }
        if let code = row.signatoryCode {
            if !parties.contains(code) { parties.append(code) }
        } else {
            signatoriesWithoutCode.insert(row.signatory)
        }
        let signed = usable(row.signed, named: "signed " + row.signatory)
        let dated = usable(row.dated, named: "dated")
        let start = usable(row.start, named: "start")
        earliestSignature = Self.earliest(earliestSignature, signed)
        earliestOwnDate = Self.earliest(earliestOwnDate, dated)
        entryIntoForce = Self.earliest(entryIntoForce, start)
        if let date = usable(row.end, named: "end"), end.map({ $0 < date }) ?? true { end = date }
    }

    /// The treaty's title: its label, or its item id where it has none in the query's language.
    var title: String { label ?? item.description }

    private mutating func usable(_ reading: WikidataTime.Reading?, named name: String) -> PartialDate? {
        switch reading {
        case .date(let date): return date
        case .unusable: unusableDates.insert(name); return nil
        case nil: return nil
        }
    }

    private static func earliest(_ current: PartialDate?, _ candidate: PartialDate?) -> PartialDate? {
        guard let candidate else { return current }
        guard let current else { return candidate }
        return min(current, candidate)
    }
}
