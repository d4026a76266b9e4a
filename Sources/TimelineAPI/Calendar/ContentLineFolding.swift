/// RFC 5545 §3.1 line folding: every physical line is at most 75 octets before its CRLF, and a
/// continuation starts with one space, which counts toward its 75.
///
/// Counted in UTF-8 octets, not characters, because that is what the RFC limits and what strict
/// parsers enforce; a cut never falls inside a multi-byte character, so each physical line is
/// valid UTF-8 on its own and unfolding (dropping every CRLF + space) restores the line exactly.
enum ContentLineFolding {
    static let maximumOctets = 75
    private static let lineBreak: [UInt8] = [0x0D, 0x0A]
    private static let continuation: UInt8 = 0x20

    /// Appends `line` (one unfolded content line, no line break in it) to `output`, folded, each
    /// physical line followed by CRLF.
    static func append(_ line: some Collection<UInt8>, to output: inout [UInt8]) {
        let octets = Array(line)
        var start = 0
        var limit = maximumOctets
        repeat {
            var end = min(start + limit, octets.count)
            // Back off over UTF-8 continuation bytes (10xxxxxx) so the cut lands before a character.
            while end < octets.count, octets[end] & 0xC0 == 0x80 { end -= 1 }
            if start > 0 { output.append(continuation) }
            output.append(contentsOf: octets[start..<end])
            output.append(contentsOf: lineBreak)
            start = end
            limit = maximumOctets - 1
        } while start < octets.count
    }
}
