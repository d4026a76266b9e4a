/// Reads a JSON document member by member, building only the values asked for: for documents
/// read often and used in part, such as a timeline page read back into events for its HTML,
/// where building every object as a `JSONValue` dictionary costs more than the rest of the work.
///
/// As strict about syntax as `JSONValue(parsing:)`. Each `read…` reads the next value when it is
/// of that type and otherwise leaves it; whatever a closure leaves unread is skipped. A reader is
/// valid only inside the closure it is handed to: it reads the caller's bytes in place, so it is
/// `~Copyable`, and cannot be kept past that closure.
public struct JSONReader: ~Copyable {
    private var parser: JSONParser
    private let buffer: UnsafeBufferPointer<UInt8>

    private init(parser: JSONParser, buffer: UnsafeBufferPointer<UInt8>) {
        self.parser = parser
        self.buffer = buffer
    }

    /// Hands the reader at the one value of `bytes` (a leading byte-order mark and surrounding
    /// whitespace allowed) to `body`, then checks that nothing follows the value.
    @discardableResult
    public static func read<Result>(
        _ bytes: some Collection<UInt8>, _ body: (inout JSONReader) throws(JSONParseError) -> Result
    ) throws(JSONParseError) -> Result {
        try JSONParser.withBuffer(bytes) { buffer throws(JSONParseError) in
            let range = JSONParser.skippingByteOrderMark(buffer, in: 0..<buffer.count)
            var reader = JSONReader(parser: JSONParser(bytes: buffer, range: range), buffer: buffer)
            reader.parser.skipWhitespace()
            let result = try reader.wholeValue(body)
            try reader.converting { parser throws(JSONParser.Failure) in try parser.expectEnd() }
            return result
        }
    }

    /// The string, or nil (and the value left) when the next value is not a string.
    public mutating func readString() throws(JSONParseError) -> String? {
        guard parser.peek == UInt8(ascii: "\"") else { return nil }
        return try converting { parser throws(JSONParser.Failure) in try parser.parseString() }
    }

    /// Hands the reader at each element to `element`; false (and the value left) when the next
    /// value is not an array.
    @discardableResult
    public mutating func readArray(_ element: (inout JSONReader) throws(JSONParseError) -> Void) throws(JSONParseError)
        -> Bool
    {
        guard parser.peek == UInt8(ascii: "[") else { return false }
        let buffer = buffer
        _ = try parser.walkArray(failure: { JSONParseError(failure: $0, in: buffer) }) { parser throws(JSONParseError) in
            var reader = JSONReader(parser: parser, buffer: buffer)
            try reader.wholeValue(element)
            parser = reader.parser
            return true
        }
        return true
    }

    /// Hands each member's name and the reader at its value to `member`; false (and the value
    /// left) when the next value is not an object.
    @discardableResult
    public mutating func readObject(_ member: (JSONMemberName, inout JSONReader) throws(JSONParseError) -> Void)
        throws(JSONParseError) -> Bool
    {
        guard parser.peek == UInt8(ascii: "{") else { return false }
        let buffer = buffer
        try parser.walkObject(
            name: { parser throws(JSONParser.Failure) in try parser.parseMemberName() },
            failure: { JSONParseError(failure: $0, in: buffer) }
        ) { name, _, parser throws(JSONParseError) in
            var reader = JSONReader(parser: parser, buffer: buffer)
            try reader.wholeValue { reader throws(JSONParseError) in try member(name, &reader) }
            parser = reader.parser
        }
        return true
    }

    /// The next value, whatever it is.
    public mutating func readValue() throws(JSONParseError) -> JSONValue {
        try converting { parser throws(JSONParser.Failure) in try parser.parseValue() }
    }

    /// Runs `body` at a value and skips the value if `body` left it unread.
    private mutating func wholeValue<Result>(_ body: (inout JSONReader) throws(JSONParseError) -> Result)
        throws(JSONParseError) -> Result
    {
        let start = parser.position
        let result = try body(&self)
        if parser.position == start {
            try converting { parser throws(JSONParser.Failure) in try parser.skipValue() }
        }
        return result
    }

    private mutating func converting<Result>(_ body: (inout JSONParser) throws(JSONParser.Failure) -> Result)
        throws(JSONParseError) -> Result
    {
        do {
            return try body(&parser)
        } catch {
            throw JSONParseError(failure: error, in: buffer)
        }
    }
}
