import TimelineCore

/// One result row (one treaty × one signatory) read into what the mapping needs.
struct TreatyRow {
    let item: WikidataItem
    /// Nil when the endpoint gave none (or only white space).
    let label: String?
    let signatory: String
    /// The signatory's ISO 3166-1 alpha-2 code when it is one: two upper-case letters.
    let signatoryCode: String?
    let signed: WikidataTime.Reading?
    /// The item's own date (P577 publication date or P585 point in time), for a treaty whose
    /// signatures carry none.
    let dated: WikidataTime.Reading?
    let start: WikidataTime.Reading?
    let end: WikidataTime.Reading?

    /// Room left in an event title (500 characters) for the words the mapping adds to the label.
    static let maximumLabelLength = EventRecordValidator.maximumTitleLength - 100

    init(_ row: SPARQLResults.Row) throws(TreatyRowProblem) {
        guard let treaty = row["treaty"] else { throw TreatyRowProblem("treaty", "missing") }
        item = try WikidataItem(treaty, variable: "treaty")
        label = try Self.label(row["treatyLabel"])
        guard let signatory = row["signatory"] else { throw TreatyRowProblem("signatory", "missing") }
        guard signatory.kind == .uri else {
            throw TreatyRowProblem("signatory", "must be an entity URI, not a \(signatory.kind.rawValue)")
        }
        self.signatory = signatory.value
        signatoryCode = row["signatoryCode"].flatMap { Self.isCountryCode($0.value) ? $0.value : nil }
        signed = try WikidataTime.read(row["signed"], precision: row["signedPrecision"], variable: "signed")
        dated = try WikidataTime.read(row["dated"], precision: row["datedPrecision"], variable: "dated")
        start = try WikidataTime.read(row["start"], precision: row["startPrecision"], variable: "start")
        end = try WikidataTime.read(row["end"], precision: row["endPrecision"], variable: "end")
    }

    private static func label(_ term: SPARQLTerm?) throws(TreatyRowProblem) -> String? {
        guard let term else { return nil }
        guard term.kind == .literal else { throw TreatyRowProblem("treatyLabel", "must be a literal, not a \(term.kind.rawValue)") }
        guard term.value.unicodeScalars.count <= maximumLabelLength else {
            throw TreatyRowProblem("treatyLabel", "longer than \(maximumLabelLength) characters")
        }
        // Every text field of a record refuses NUL; one such label must not sink the whole file.
        guard !term.value.unicodeScalars.contains("\0") else { throw TreatyRowProblem("treatyLabel", "contains NUL") }
        // Titles are trimmed where records are validated; a label of white space alone is none.
        return term.value.allSatisfy(\.isWhitespace) ? nil : term.value
    }

    /// `SU` (the Soviet Union) and the other codes ISO 3166-3 withdrew are taken as given too.
    private static func isCountryCode(_ text: String) -> Bool {
        text.unicodeScalars.count == 2 && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }
}
