import TestSupport
import Testing
import TimelineCore
import TimelineImport

/// Damaged and hostile rows are reported with their line numbers, the rest of the file is read,
/// and nothing crashes.
@Suite struct GdeltHostileInputTests {
    private func malformed(_ lines: [[UInt8]]) -> (reasons: [Int: String], summary: ImportSummary) {
        let (_, summary) = GdeltFixtures.importBytes(GdeltFixtures.file(lines), chunkSize: 4_096)
        #expect(summary.rowsRead == lines.count)
        #expect(summary.rowsRead == summary.rowsMalformed + summary.rowsTaken + summary.skipped.reduce(0) { $0 + $1.count })
        return (Dictionary(uniqueKeysWithValues: summary.malformedLines.map { ($0.line, $0.reason) }), summary)
    }

    @Test func wrongColumnCounts() throws {
        let good = try GdeltFixtures.line()
        let (reasons, summary) = malformed([
            good, Array(good.dropLast(30)) + Array("\tmore\tcells".utf8), [], Array("a\tb".utf8), good + Array("\t".utf8),
        ])
        #expect(summary.rowsTaken == 1)
        #expect(reasons[2] == "has 62 columns, not 61")
        #expect(reasons[3] == "has 1 columns, not 61")
        #expect(reasons[4] == "has 2 columns, not 61")
        #expect(reasons[5] == "has 62 columns, not 61")
    }

    @Test func aTabInsideANameShiftsTheColumnsAndIsReported() throws {
        let (reasons, _) = malformed([try GdeltFixtures.line(["Actor1Name": "UNITED\tSTATES", "ActionGeo_FullName": "\"Bei\"jing\""])])
        #expect(reasons[1] == "has 62 columns, not 61")
    }

    @Test func quotesInCellsAreJustCharacters() throws {
        let (records, summary) = GdeltFixtures.importBytes(
            GdeltFixtures.file([try GdeltFixtures.line(["ActionGeo_FullName": "\"Beijing\", 'China'", "Actor1Name": "\""])]))
        #expect(summary.rowsTaken == 1)
        #expect(records.first?["location"] == "\"Beijing\", 'China'")
    }

    @Test func unparsableFieldsOfTakenCodesAreReported() throws {
        let (reasons, summary) = malformed([
            try GdeltFixtures.line(["SQLDATE": "2019-10-24"]), try GdeltFixtures.line(["SQLDATE": "20190230"]),
            try GdeltFixtures.line(["NumSources": "-1"]), try GdeltFixtures.line(["NumSources": ""]),
            try GdeltFixtures.line(["IsRootEvent": "2"]), try GdeltFixtures.line(["DATEADDED": "20191024256000"]),
            try GdeltFixtures.line(["GLOBALEVENTID": "99999999999999999999"]),
            // Not read: a row whose code is not taken is only counted.
            try GdeltFixtures.line(["EventCode": "190", "SQLDATE": "garbage"]),
        ])
        #expect(reasons == [
            1: "SQLDATE is not a number: '2019-10-24'", 2: "SQLDATE is not a date YYYYMMDD: '20190230'",
            3: "NumSources is not a number: '-1'", 4: "NumSources is not a number: ''",
            5: "IsRootEvent is not 0 or 1: '2'", 6: "DATEADDED is not a time YYYYMMDDHHMMSS: '20191024256000'",
            7: "GLOBALEVENTID is not a number: '99999999999999999999'",
        ])
        #expect(summary.count(skippedFor: "code") == 1)
    }

    @Test func nonUTF8BytesInACellTheImportReadsMakeTheRowMalformed() throws {
        var latin1 = try GdeltFixtures.line(["ActionGeo_FullName": "Zurich"])
        let place = try #require(latin1.firstRange(of: Array("Zurich".utf8)))
        latin1.replaceSubrange(place, with: [0x5A, 0xFC, 0x72, 0x69, 0x63, 0x68])  // "Zürich" in Latin-1
        var badURL = try GdeltFixtures.line()
        badURL.insert(contentsOf: [0xC3, 0x28], at: badURL.count - 1)
        var badName = try GdeltFixtures.line(["Actor1Name": "X"])
        let name = try #require(badName.firstRange(of: Array("\tX\t".utf8)))
        badName.replaceSubrange(name, with: [0x09, 0xFF, 0xFE, 0x09])
        let (reasons, summary) = malformed([latin1, badURL, badName])
        #expect(reasons == [1: "ActionGeo_FullName is not UTF-8", 2: "SOURCEURL is not UTF-8"])
        // Actor1Name is never decoded: its bytes do not matter.
        #expect(summary.rowsTaken == 1)
    }

    @Test func hugeFields() throws {
        let huge = String(repeating: "x", count: 200_000)
        let (reasons, summary) = malformed([
            try GdeltFixtures.line(["Actor1Name": huge]), try GdeltFixtures.line(),
            try GdeltFixtures.line(["SOURCEURL": "https://example.org/" + String(repeating: "y", count: 30_000)]),
            try GdeltFixtures.line(["SQLDATE": String(repeating: "9", count: 10_000)]),
        ])
        #expect(reasons[1]?.hasPrefix("is 200,") == true)
        #expect(reasons[1]?.hasSuffix("bytes long, more than 65,536") == true)
        #expect(reasons[2] == nil)
        #expect(reasons[4]?.count ?? 0 < 120)
        // A URL too long for a source is taken without it.
        #expect(summary.rowsTaken == 2)
    }

    @Test func binaryGarbageIsReportedLineByLine() {
        var random = SeededRandom(seed: 7)
        let garbage = (0..<200).map { _ in (0..<Int.random(in: 0...400, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) } }
        let bytes = garbage.joined(separator: [UInt8(ascii: "\n")]).map { $0 }
        let (_, summary) = GdeltFixtures.importBytes(bytes, chunkSize: 97)
        #expect(summary.rowsRead == summary.rowsMalformed + summary.rowsTaken + summary.skipped.reduce(0) { $0 + $1.count })
        #expect(summary.rowsMalformed > 0)
    }

    @Test func crlfLineEndsAreTolerated() throws {
        let line = try GdeltFixtures.line()
        let (records, summary) = GdeltFixtures.importBytes(line + Array("\r\n".utf8) + line + Array("\r\n".utf8))
        #expect(summary.rowsTaken == 2)
        #expect(summary.rowsMalformed == 0)
        #expect(records.first?["sources"] == [["url": "https://example.org/a", "published": "2019-10-24"]])
    }
}
