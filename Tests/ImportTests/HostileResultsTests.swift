import Foundation
import TestSupport
import Testing
import TimelineCore
import TimelineImport

/// Whatever an endpoint or a file holds, the importer reports it and never crashes; what it stores
/// is always valid.
@Suite("Hostile SPARQL results")
struct HostileResultsTests {
    private let today = CalendarDate(year: 2026, month: 6, day: 1)!

    private func importing(_ text: String) throws(SPARQLResultsError) -> WikidataTreatyImport {
        try WikidataTreatyImport(bytes: Array(text.utf8), source: "hostile.json", today: today)
    }

    @Test(arguments: [
        ("", "not JSON"),
        ("{\"head\": {}, \"results\": {\"bindings\": []}", "not JSON"),
        (String(repeating: "[", count: 100_000), "not JSON"),
        ("[]", "not a SPARQL results document: the document is an array, not an object"),
        ("{\"results\": {\"bindings\": []}}", "\"head\" must be an object"),
        ("{\"head\": [], \"results\": {\"bindings\": []}}", "\"head\" must be an object"),
        ("{\"head\": {}}", "\"results\" must be an object"),
        ("{\"head\": {}, \"results\": {\"bindings\": {}}}", "\"results.bindings\" must be an array"),
        ("{\"head\": {}, \"results\": {\"bindings\": null}}", "\"results.bindings\" must be an array"),
    ])
    func aDocumentThatIsNoResultIsRefusedWhole(text: String, reason: String) {
        #expect {
            try importing(text)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    /// Each malformed row is reported with its number and the variable at fault; the good rows
    /// around it are imported.
    @Test(arguments: [
        ("42", "a binding must be an object, not a number"),
        ("{\"treaty\": \"http://www.wikidata.org/entity/Q1\"}", "treaty: must be an object with \"type\" and \"value\", not a string"),
        ("{\"treaty\": {\"type\": 5, \"value\": \"x\"}}", "treaty: \"type\" must be a string"),
        ("{\"treaty\": {\"type\": \"uri\", \"value\": 123}}", "treaty: \"value\" must be a string"),
        ("{\"treaty\": {\"type\": \"triple\", \"value\": \"x\"}}", "treaty: unknown term type 'triple'"),
        ("{\"signatory\": {\"type\": \"uri\", \"value\": \"http://www.wikidata.org/entity/Q30\"}}", "treaty: missing"),
        (#"{"treaty": {"type": "literal", "value": "Q1"}}"#, "treaty: must be a Wikidata item URI"),
        (#"{"treaty": {"type": "uri", "value": "http://example.org/entity/Q1"}}"#, "treaty: must be a Wikidata item URI"),
        (#"{"treaty": {"type": "uri", "value": "http://www.wikidata.org/entity/Q012"}}"#, "treaty: must be a Wikidata item URI"),
        (#"{"treaty": {"type": "uri", "value": "http://www.wikidata.org/entity/P31"}}"#, "treaty: must be a Wikidata item URI"),
        (#"{"treaty": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1234567890123456789"}}"#, "treaty: must be a Wikidata item URI"),
        (#"{"treaty": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1"}}"#, "signatory: missing"),
        (#"{"treaty": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1"}, "signatory": {"type": "literal", "value": "US"}}"#, "signatory: must be an entity URI"),
        (Self.row(#""signed": {"type": "literal", "value": "1979-01-31T00:00:00Z"}"#), "signedPrecision: missing where signed is given"),
        (Self.row(#""signed": {"type": "literal", "value": "31 January 1979"}, "signedPrecision": {"type": "literal", "value": "11"}"#), "signed: must be an xsd:dateTime literal"),
        (Self.row(#""start": {"type": "literal", "value": "1979-02-30T00:00:00Z"}, "startPrecision": {"type": "literal", "value": "11"}"#), "start: '1979-02-30T00:00:00Z' is no date"),
        (Self.row(#""start": {"type": "uri", "value": "1979-01-31T00:00:00Z"}, "startPrecision": {"type": "literal", "value": "11"}"#), "start: must be an xsd:dateTime literal"),
        (Self.row(#""end": {"type": "literal", "value": "1979-01-31T00:00:00Z"}, "endPrecision": {"type": "literal", "value": "99999999999999999999999"}"#), "endPrecision: must be a whole number from 0 to 14"),
        (Self.row(#""end": {"type": "literal", "value": "1979-01-31T00:00:00Z"}, "endPrecision": 11"#), "endPrecision: must be an object"),
        (Self.row(#""treatyLabel": {"type": "uri", "value": "http://example.org"}"#), "treatyLabel: must be a literal"),
        (Self.row(#""treatyLabel": {"type": "literal", "value": "New\u0000START"}"#), "treatyLabel: contains NUL"),
    ])
    func aMalformedRowIsReportedAndTheRestImported(binding: String, reason: String) throws {
        let good = Self.row(#""signed": {"type": "literal", "value": "2010-04-08T00:00:00Z"}, "signedPrecision": {"type": "literal", "value": "11"}"#)
        let treaties = try importing(#"{"head": {"vars": []}, "results": {"bindings": [\#(good), \#(binding), \#(good)]}}"#)
        #expect(treaties.summary.malformedLines.count == 1)
        let line = try #require(treaties.summary.malformedLines.first)
        #expect(line.line == 2)
        #expect(line.file == "hostile.json")
        #expect(line.reason.contains(reason), "\(line.reason)")
        #expect(treaties.summary.rowsRead == 3)
        #expect(treaties.summary.rowsTaken == 2)
        #expect(treaties.kinds == ["signing"])
    }

    @Test func hugeLiteralsAreReportedAndNeverEchoedWhole() throws {
        let huge = String(repeating: "x", count: 1_000_000)
        let treaties = try importing(#"""
            {"head": {}, "results": {"bindings": [
              \#(Self.row(#""treatyLabel": {"type": "literal", "value": "\#(huge)"}"#)),
              \#(Self.row(#""signed": {"type": "literal", "value": "\#(huge)"}, "signedPrecision": {"type": "literal", "value": "11"}"#)),
              \#(Self.row(#""signed": {"type": "literal", "value": "1979-01-31T00:00:00Z"}, "signedPrecision": {"type": "literal", "value": "\#(huge)"}"#)),
              {"treaty": {"type": "uri", "value": "http://www.wikidata.org/entity/Q\#(String(repeating: "9", count: 100_000))"}}
            ]}}
            """#)
        #expect(treaties.summary.malformedLines.map(\.line) == [1, 2, 3, 4])
        #expect(treaties.summary.malformedLines.allSatisfy { $0.reason.unicodeScalars.count < 300 })
        #expect(treaties.records.isEmpty)
    }

    @Test func aLabelAtTheLimitStillMakesValidRecords() throws {
        let label = String(repeating: "é", count: 400)
        let treaties = try importing(#"""
            {"head": {}, "results": {"bindings": [\#(Self.row(#""treatyLabel": {"type": "literal", "value": "\#(label)"}, "start": {"type": "literal", "value": "2011-02-05T00:00:00Z"}, "startPrecision": {"type": "literal", "value": "11"}, "end": {"type": "literal", "value": "2030-01-01T00:00:00Z"}, "endPrecision": {"type": "literal", "value": "11"}"#))]}}
            """#)
        #expect(treaties.records.count == 1)
        try expectValid(treaties.records)
    }

    /// Random damage to the sample: the importer reads or refuses every variant, and every record
    /// it returns is valid.
    @Test func damagedSamplesNeverCrashAndOnlyGiveValidRecords() throws {
        let sample = try Array(Data(contentsOf: sampleFile))
        var random = SeededRandom(seed: 11)
        var read = 0
        for _ in 0..<300 {
            var bytes = sample
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                bytes[position] = UInt8.random(in: 0...255, using: &random)
            }
            guard let treaties = try? WikidataTreatyImport(bytes: bytes, source: "damaged.json", today: today) else { continue }
            read += 1
            try expectValid(treaties.records)
        }
        #expect(read > 0)
    }

    /// A binding of the sample's treaty and signatory plus `extra` members.
    private static func row(_ extra: String) -> String {
        #"{"treaty": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1"}, "signatory": {"type": "uri", "value": "http://www.wikidata.org/entity/Q30"}, "signatoryCode": {"type": "literal", "value": "US"}, \#(extra)}"#
    }
}

/// docs/examples/wikidata-treaties.json, the repository's real sample.
let sampleFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/examples/wikidata-treaties.json")
