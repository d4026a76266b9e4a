import Testing
import TimelineImport

@Suite struct LineStreamTests {
    /// Every line of `bytes`, as text, fed in chunks of `chunkSize`.
    private func lines(_ text: String, chunkSize: Int, maximum: Int = 100) -> [String] {
        let bytes = Array(text.utf8)
        var stream = LineStream(maximumLineLength: maximum)
        var seen: [String] = []
        let record = { (number: Int, line: LineStream.Line) in
            switch line {
            case .complete(let bytes): seen.append("\(number) complete \(String(decoding: bytes, as: UTF8.self))")
            case .unterminated(let bytes): seen.append("\(number) unterminated \(String(decoding: bytes, as: UTF8.self))")
            case .overlong(let length): seen.append("\(number) overlong \(length)")
            }
        }
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            bytes[start..<end].withUnsafeBytes { stream.consume($0, record) }
            start = end
        }
        stream.finish(record)
        return seen
    }

    @Test func linesAreTheSameWhereverTheChunksEnd() {
        let text = "first\nsecond line\r\n\nlast without feed"
        let expected = ["1 complete first", "2 complete second line", "3 complete ", "4 unterminated last without feed"]
        for chunkSize in 1...text.utf8.count {
            #expect(lines(text, chunkSize: chunkSize) == expected, "chunks of \(chunkSize) bytes")
        }
    }

    @Test func aFileEndingWithALineFeedHasNoUnterminatedLine() {
        #expect(lines("a\nb\n", chunkSize: 3) == ["1 complete a", "2 complete b"])
    }

    @Test func anOverlongLineIsReportedWithItsLengthAndTheNextLinesStillCome() {
        let long = String(repeating: "x", count: 250)
        for chunkSize in [1, 7, 64, 1000] {
            #expect(
                lines("ok\n\(long)\nafter\n\(long)", chunkSize: chunkSize, maximum: 100)
                    == ["1 complete ok", "2 overlong 250", "3 complete after", "4 overlong 250"],
                "chunks of \(chunkSize) bytes")
        }
    }

    @Test func aLineOfExactlyTheMaximumIsKept() {
        let line = String(repeating: "y", count: 100)
        #expect(lines(line + "\n", chunkSize: 33, maximum: 100) == ["1 complete " + line])
    }
}
