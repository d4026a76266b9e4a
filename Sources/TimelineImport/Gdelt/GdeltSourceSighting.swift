/// The earliest row that cited a URL. "First appearance" is decided by GDELT's own record — when
/// the row was added (`DATEADDED`), then `GLOBALEVENTID`, which GDELT assigns in increasing order,
/// then the URL itself — never by where a row stands in a file, so that any order of the same
/// rows lists the same sources in the same order.
struct GdeltSourceSighting: Comparable {
    let dateAdded: GdeltTimestamp
    let globalEventID: UInt64
    let url: String

    static func < (lhs: GdeltSourceSighting, rhs: GdeltSourceSighting) -> Bool {
        (lhs.dateAdded, lhs.globalEventID, lhs.url) < (rhs.dateAdded, rhs.globalEventID, rhs.url)
    }
}
