/// One page of a keyset-paginated listing as one statement that also builds the response
/// body, `{"<items>": [...], "next_cursor": string|null}`.
///
/// The body is put together as text from each row's JSON text: aggregating jsonb values and
/// printing the result cost several times what finding the rows did (`SQL/0007_read_costs.sql`).
///
/// It reads one row more than the page: when that row exists another page follows, and
/// `next_cursor` is the position of the page's last row. Where the walk resumes is the
/// caller's keyset condition in `source`, on the same keys as `ordering`.
struct KeysetPage {
    /// The body's key for the list.
    let items: String
    /// `FROM … WHERE …`: the rows, after the cursor's position.
    let source: SQLFragment
    /// The `ORDER BY` list: the keyset's order.
    let ordering: SQLFragment
    /// Each row's JSON, as text.
    let document: SQLFragment
    /// A row's position as `next_cursor` text; computed for the page's last row only, the one
    /// `next_cursor` names (for every row, it took a fifth of a timeline page's time).
    let cursor: SQLFragment
    let limit: Int

    var statement: SQLFragment {
        """
        WITH page AS (
            SELECT row_number() OVER walk AS position, \(document) AS document,
                   CASE WHEN row_number() OVER walk = \(limit)::int THEN \(cursor) END AS cursor
            \(source)
            WINDOW walk AS (ORDER BY \(ordering))
            ORDER BY \(ordering)
            LIMIT \(limit + 1)::int
        )
        SELECT '{' || to_json(\(items)::text)::text || ': ['
            || coalesce(string_agg(document, ', ' ORDER BY position) FILTER (WHERE position <= \(limit)::int), '')
            || '], "next_cursor": '
            || coalesce(to_json(CASE WHEN count(*) > \(limit)::int THEN min(cursor) END)::text, 'null')
            || '}'
        FROM page
        """
    }
}
