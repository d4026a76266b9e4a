import Foundation
import TimelineCore
import TimelineImport

/// A time value as the query service writes it: the dateTime literal and its precision.
struct Time {
    let value: String
    let precision: Int

    init(_ value: String, _ precision: Int = 11) {
        self.value = value
        self.precision = precision
    }
}

/// One result row of the treaty query, built from the variables a test names, in the shape the
/// Wikidata Query Service returns.
struct ResultRow {
    var treaty = "Q100"
    var label: String? = "Test Treaty"
    var signatory = "Q30"
    var code: String? = "US"
    var signed: Time?
    var start: Time?
    var end: Time?
    var dated: Time?

    var json: JSONValue {
        var members: [String: JSONValue] = [
            "treaty": ["type": "uri", "value": .string("http://www.wikidata.org/entity/" + treaty)],
            "signatory": ["type": "uri", "value": .string("http://www.wikidata.org/entity/" + signatory)],
        ]
        if let label { members["treatyLabel"] = ["type": "literal", "value": .string(label), "xml:lang": "en"] }
        if let code { members["signatoryCode"] = ["type": "literal", "value": .string(code)] }
        for (variable, time) in [("signed", signed), ("start", start), ("end", end), ("dated", dated)] {
            guard let time else { continue }
            members[variable] = [
                "type": "literal", "value": .string(time.value + "T00:00:00Z"),
                "datatype": "http://www.w3.org/2001/XMLSchema#dateTime",
            ]
            members[variable + "Precision"] = [
                "type": "literal", "value": .string(String(time.precision)),
                "datatype": "http://www.w3.org/2001/XMLSchema#integer",
            ]
        }
        return .object(members)
    }
}

/// A whole results document around `bindings`.
func resultsDocument(_ bindings: [JSONValue]) -> [UInt8] {
    let document: JSONValue = ["head": ["vars": ["treaty", "signatory"]], "results": ["bindings": .array(bindings)]]
    return Array(document.canonicalText.utf8)
}

/// The import of `rows` as of `today`.
func importing(_ rows: [ResultRow], today: String = "2026-06-01") throws -> WikidataTreatyImport {
    try WikidataTreatyImport(bytes: resultsDocument(rows.map(\.json)), source: "test.json", today: try CalendarDate(parsing: today))
}

extension WikidataTreatyImport {
    /// The one record of `kind`, or nil.
    func record(_ kind: String) -> JSONValue? {
        let matching = records.filter { $0["kind"] == .string(kind) }
        precondition(matching.count <= 1, "more than one \(kind) record")
        return matching.first
    }

    var kinds: [String] { records.compactMap { $0["kind"]?.stringValue } }
}
