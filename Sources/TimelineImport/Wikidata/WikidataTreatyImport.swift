import TimelineCore

/// Contract §11: one SPARQL result of `docs/wikidata-treaties.rq` in; the records to store (valid
/// v1 records, agreements in object form) and the summary's row figures out. Pure: the caller
/// reads the bytes, stores the records and adds the event figures.
public struct WikidataTreatyImport: Sendable {
    /// Every reason something is left out, in the summary's order: a signatory without a usable
    /// ISO code (counted once per treaty), a date Wikidata holds at a precision coarser than a
    /// year or outside the years 1–9999 (once per treaty and value), a treaty with no date left
    /// to record.
    public static let skipReasons = ["no_iso_code", "unusable_date", "no_dates"]

    public let records: [JSONValue]
    /// `files`, `rows` (`read` = result rows, `taken` = rows of a treaty that gave a record),
    /// `skipped` and `malformed_lines` (`line` = the row's number in `results.bindings`, from 1).
    public let summary: ImportSummary

    /// - Parameter today: the day that decides whether an end time is past or ahead.
    init(results: SPARQLResults, source: String, today: CalendarDate, countryIDs: CountryIDStyle = .alpha2) {
        var summary = ImportSummary(skipReasons: Self.skipReasons)
        summary.files = 1
        summary.rowsRead = results.rows.count
        var treaties: [WikidataItem: Treaty] = [:]
        var order: [WikidataItem] = []
        for (offset, row) in results.rows.enumerated() {
            do throws(TreatyRowProblem) {
                let treatyRow = try TreatyRow(try row.get())
                if treaties[treatyRow.item] == nil {
                    treaties[treatyRow.item] = Treaty(item: treatyRow.item)
                    order.append(treatyRow.item)
                }
                treaties[treatyRow.item]?.add(treatyRow)
            } catch {
                summary.reportMalformed(MalformedLine(file: source, line: offset + 1, reason: error.description))
            }
        }
        var records: [JSONValue] = []
        for treaty in order.compactMap({ treaties[$0] }) {
            summary.skip("no_iso_code", count: treaty.signatoriesWithoutCode.count)
            summary.skip("unusable_date", count: treaty.unusableDates.count)
            let lifecycle = TreatyLifecycle.records(for: treaty, today: today, countryIDs: countryIDs)
            if lifecycle.isEmpty {
                summary.skip("no_dates")
            } else {
                summary.rowsTaken += treaty.rowCount
                records += lifecycle
            }
        }
        self.records = records
        self.summary = summary
    }

    /// Reads `bytes` as a SPARQL JSON result first; a document that is none is refused whole.
    public init(
        bytes: some Collection<UInt8>, source: String, today: CalendarDate, countryIDs: CountryIDStyle = .alpha2
    ) throws(SPARQLResultsError) {
        self.init(results: try SPARQLResults(parsing: bytes), source: source, today: today, countryIDs: countryIDs)
    }
}
