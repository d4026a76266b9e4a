import TimelineCore

/// The parameters every paged listing shares.
extension QueryParameters {
    static let pagingNames: Set<String> = ["limit", "cursor"]

    /// `limit`: items a page, 1–1000, 100 unless given.
    func pageLimit() throws(APIError) -> Int {
        try value("limit", expected: "an integer from 1 to 1000") { text in
            Int(text).flatMap { (1...1000).contains($0) ? $0 : nil }
        } ?? 100
    }

    /// `cursor`: the `next_cursor` of the previous page, passed back unchanged.
    func cursor<Cursor>(_ parse: (String) throws(CursorError) -> Cursor) throws(APIError) -> Cursor? {
        try value("cursor", expected: "the next_cursor of a previous page, unchanged", parsing: parse)
    }
}
