import Testing
@testable import TimelineAPI

@Suite("Calendar: folding at 75 octets")
struct CalendarFoldingTests {
    private func folded(_ line: String) -> String {
        var output: [UInt8] = []
        ContentLineFolding.append(line.utf8, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Every physical line ends in CRLF, holds at most 75 octets, is valid UTF-8 by itself, and
    /// every one after the first starts with one space; unfolding gives back `line`.
    private func expectWellFolded(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let result = folded(line)
        #expect(result.utf8.suffix(2).elementsEqual([0x0D, 0x0A]), sourceLocation: sourceLocation)
        let physical = CalendarFixture.physicalLines(result)
        for (index, octets) in physical.enumerated() {
            #expect(octets.count <= 75, "line \(index): \(octets.count) octets", sourceLocation: sourceLocation)
            #expect(String(validating: octets, as: UTF8.self) != nil, "line \(index) splits a character", sourceLocation: sourceLocation)
            #expect(!octets.contains(0x0D) && !octets.contains(0x0A), sourceLocation: sourceLocation)
            if index > 0 {
                #expect(octets.first == 0x20 && octets.dropFirst().first != 0x20, sourceLocation: sourceLocation)
            }
        }
        #expect(CalendarFixture.unfold(String(result.dropLast())) == line, sourceLocation: sourceLocation)
    }

    @Test func aLineOfExactly75OctetsStaysWhole() {
        let line = "SUMMARY:" + String(repeating: "a", count: 67)
        #expect(line.utf8.count == 75)
        #expect(folded(line) == line + "\r\n")
    }

    @Test func the76thOctetStartsAContinuationLine() {
        let line = "SUMMARY:" + String(repeating: "a", count: 68)
        #expect(folded(line) == "SUMMARY:" + String(repeating: "a", count: 67) + "\r\n a\r\n")
    }

    @Test func continuationLinesCarry74OctetsAfterTheirSpace() {
        let line = String(repeating: "x", count: 75 + 74 + 74 + 10)
        let physical = CalendarFixture.physicalLines(folded(line)).map(\.count)
        #expect(physical == [75, 75, 75, 11])
        expectWellFolded(line)
    }

    @Test func aMultiByteCharacterAcrossTheLimitMovesWhole() {
        // 73 ASCII octets and the en dash's three: the dash would end at octet 76.
        let line = String(repeating: "a", count: 73) + "–b"
        #expect(folded(line) == String(repeating: "a", count: 73) + "\r\n –b\r\n")
        // Ending exactly at octet 75 it stays.
        let fits = String(repeating: "a", count: 72) + "–"
        #expect(folded(fits) == fits + "\r\n")
    }

    /// Every alignment of 2-, 3- and 4-octet characters against the cut.
    @Test(arguments: ["é", "–", "中", "文", "🇺🇳", "👩🏽‍🔬"], 0..<4)
    func multiByteTextFoldsOnCharacterBoundaries(character: String, asciiPrefix: Int) {
        expectWellFolded("SUMMARY:" + String(repeating: "a", count: asciiPrefix) + String(repeating: character, count: 80))
    }

    @Test func theSeedTitleAndCJKFoldAndUnfoldExactly() {
        expectWellFolded("SUMMARY:Expires: US–China Science and Technology Cooperation Agreement – 中美科技合作协定 (1979), 延期六个月")
        expectWellFolded("DESCRIPTION:" + String(repeating: "中美科技合作协定 US–China ", count: 20))
    }

    @Test func shortLinesAreOnlyTerminated() {
        #expect(folded("BEGIN:VCALENDAR") == "BEGIN:VCALENDAR\r\n")
    }
}
