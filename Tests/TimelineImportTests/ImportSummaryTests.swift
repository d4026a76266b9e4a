import Testing
import TimelineCore
import TimelineImport

@Suite("Import summary")
struct ImportSummaryTests {
    @Test func aFileOfGarbageListsTheFirstMalformedLinesAndCountsTheRest() {
        var first = ImportSummary(skipReasons: ["code"])
        for line in 1...(ImportSummary.maximumListed + 5) {
            first.reportMalformed(MalformedLine(file: "a", line: line, reason: "expected 61 columns"))
        }
        #expect(first.rowsMalformed == ImportSummary.maximumListed + 5)
        #expect(first.malformedLines.count == ImportSummary.maximumListed)
        #expect(first.json["malformed_lines_omitted"] == 5)
        #expect(first.json["rows"]?["malformed"] == .number(Double(ImportSummary.maximumListed + 5)))
        #expect(first.text.hasSuffix("… and 5 more malformed lines"))

        var second = ImportSummary(skipReasons: ["code"])
        second.reportMalformed(MalformedLine(file: "b", line: 7, reason: "cut short"))
        second.merge(first)
        #expect(second.rowsMalformed == ImportSummary.maximumListed + 6)
        #expect(second.malformedLines.first?.file == "b" && second.malformedLines.count == ImportSummary.maximumListed)
    }

    @Test func aFewMalformedLinesAreAllListedAndNothingIsOmitted() {
        var summary = ImportSummary(skipReasons: ["code"])
        summary.reportMalformed(MalformedLine(file: "a", line: 3, reason: "cut short"))
        #expect(summary.json["malformed_lines"] == [["file": "a", "line": 3, "reason": "cut short"]])
        #expect(summary.json["malformed_lines_omitted"] == nil)
    }
}
