/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Hand-written rather than `JSONDecoder` because ingest needs to parse NDJSON lines in place, to
/// report line and column, and to refuse duplicate keys (a second `"title"` must not silently win);
/// it is also several times faster than decoding `JSONValue` through `Decoder`.
struct JSONParser {
    struct Failure: Error {
        var offset: Int
        var message: String
    }

    /// Records nest four levels deep; the limit keeps recursion far from the end of even a small thread stack.
    static let maximumDepth = 128

    private let bytes: UnsafeBufferPointer<UInt8>
    private let end: Int
    private(set) var position: Int
    private var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.bytes = bytes
        self.end = range.upperBound
        self.position = range.lowerBound
    }

    /// Exactly one value in `range`, with optional whitespace around it.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes, range: range)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        try parser.expectEnd()
        return value
    }

    /// Like `parse`, but a top-level array is taken apart as it is read: each element goes to
    /// `element` and is not kept, so a large array's values need not all exist at once. Returns
    /// nil for an array, the value itself otherwise. When `element` returns false the walk stops
    /// there, and the rest of the input is not looked at.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>, streamingArrayElements element: (JSONValue) -> Bool
    ) throws(Failure) -> JSONValue? {
        var parser = JSONParser(bytes: bytes, range: range)
        parser.skipWhitespace()
        guard parser.peek == UInt8(ascii: "[") else { return try parse(bytes, in: range) }
        guard try parser.parseArray(element) else { return nil }
        try parser.expectEnd()
        return nil
    }

    /// Nothing but whitespace is left after the value.
    mutating func expectEnd() throws(Failure) {
        skipWhitespace()
        guard position == end else { throw failure("unexpected \(describeCurrent()) after the JSON value") }
    }

    /// Runs `body` over contiguous bytes, copying only when the collection has no contiguous storage.
    static func withBuffer<R, E: Error>(
        _ bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
    ) throws(E) -> R {
        func run(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<R, E> {
            do { return .success(try body(buffer)) } catch { return .failure(error) }
        }
        if let result = bytes.withContiguousStorageIfAvailable(run) {
            return try result.get()
        }
        return try Array(bytes).withUnsafeBufferPointer(run).get()
    }

    /// Tolerates the UTF-8 byte order mark some editors put at the start of a file.
    static func skippingByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Range<Int> {
        let start = range.lowerBound
        if range.count >= 3, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF {
            return (start + 3)..<range.upperBound
        }
        return range
    }

    // MARK: - Values

    mutating func parseValue() throws(Failure) -> JSONValue {
        guard position < end else { throw failure("expected a JSON value, found the end of the input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw failure("unexpected \(describeCurrent()); expected a JSON value")
        }
    }

    /// Reads past one value, checking it as `parseValue` does but building no array or object.
    mutating func skipValue() throws(Failure) {
        switch peek {
        case UInt8(ascii: "{"):
            try walkObject(name: { parser throws(Failure) in try parser.skipString() }, failure: { $0 }) { _, _, parser throws(Failure) in
                try parser.skipValue()
            }
        case UInt8(ascii: "["):
            _ = try walkArray(failure: { $0 }) { parser throws(Failure) in
                try parser.skipValue()
                return true
            }
        case UInt8(ascii: "\""):
            try skipString()
        case let byte? where byte == UInt8(ascii: "-") || ASCII.isDigit(byte):
            // Numbers and literals are read apart from `parseValue`, which would box them in a `JSONValue`.
            _ = try parseNumber()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
        case UInt8(ascii: "f"):
            try expectLiteral("false")
        default:
            _ = try parseValue()
        }
    }

    /// Reads past a string, checking it as `parseString` does; it builds the string only when an
    /// escape or a non-ASCII byte needs the full check.
    mutating func skipString() throws(Failure) {
        if let closingQuote = plainStringEnd() {
            position = closingQuote + 1
            return
        }
        _ = try parseString()
    }

    /// Where the string at the current position ends (its closing quote) when it is ASCII without
    /// escapes or control characters, which needs no further check; nil for any other string.
    private func plainStringEnd() -> Int? {
        let run = plainRun(from: position + 1)
        guard run.isASCII, run.stop < end, bytes[run.stop] == UInt8(ascii: "\"") else { return nil }
        return run.stop
    }

    /// Passes over string content that needs no attention — no quote, backslash or control
    /// character — eight bytes at a time while eight remain. Returns where it stopped (at such a
    /// byte, or at the end) and whether every byte passed was ASCII. Every string scan of the
    /// parser goes through here.
    private func plainRun(from start: Int) -> (stop: Int, isASCII: Bool) {
        var index = start
        var isASCII = true
        if let base = bytes.baseAddress {
            while index + 8 <= end {
                let word = ByteWord(base, at: index)
                if word.contains(UInt8(ascii: "\"")) || word.contains(UInt8(ascii: "\\")) || word.containsByte(below: 0x20) { break }
                isASCII = isASCII && word.isASCII
                index += 8
            }
        }
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            isASCII = isASCII && byte < 0x80
            index += 1
        }
        return (index, isASCII)
    }

    private mutating func parseObject() throws(Failure) -> JSONValue {
        var members: [String: JSONValue] = [:]
        try walkObject(name: { parser throws(Failure) in try parser.parseString() }, failure: { $0 }) { name, nameOffset, parser throws(Failure) in
            if members.updateValue(try parser.parseValue(), forKey: name) != nil {
                throw Failure(offset: nameOffset, message: "duplicate member name \(Quoting.quoted(name))")
            }
        }
        return .object(members)
    }

    /// Walks the object at the current position: `member` gets each name as `readName` reads it
    /// (from its opening quote), where it starts, and the parser at the member's value, which it
    /// must read. Errors of the walk itself reach the caller through `failure`, so that a caller
    /// with an error type of its own keeps it.
    mutating func walkObject<Name, E: Error>(
        name readName: (inout JSONParser) throws(Failure) -> Name,
        failure convert: (Failure) -> E, _ member: (Name, Int, inout JSONParser) throws(E) -> Void
    ) throws(E) {
        do throws(Failure) {
            try enterContainer()
            position += 1
            skipWhitespace()
            if peek == UInt8(ascii: "}") {
                position += 1
                depth -= 1
                return
            }
        } catch {
            throw convert(error)
        }
        while true {
            let name: Name
            let nameOffset = position
            do throws(Failure) {
                guard peek == UInt8(ascii: "\"") else {
                    if peek == UInt8(ascii: "}") { throw failure("trailing comma before '}'") }
                    throw failure("expected a member name in double quotes, found \(describeCurrent())")
                }
                name = try readName(&self)
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else {
                    throw failure("expected ':' after the member name, found \(describeCurrent())")
                }
                position += 1
                skipWhitespace()
            } catch {
                throw convert(error)
            }
            try member(name, nameOffset, &self)
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return
            default:
                throw convert(failure("expected ',' or '}' in an object, found \(describeCurrent())"))
            }
        }
    }

    private mutating func parseArray() throws(Failure) -> JSONValue {
        var elements: [JSONValue] = []
        _ = try parseArray { element in
            elements.append(element)
            return true
        }
        return .array(elements)
    }

    /// Hands each element to `each` as soon as it is parsed; false when `each` stopped the walk.
    private mutating func parseArray(_ each: (JSONValue) -> Bool) throws(Failure) -> Bool {
        try walkArray(failure: { $0 }) { parser throws(Failure) in each(try parser.parseValue()) }
    }

    /// Walks the array at the current position: `element` gets the parser at each element, which
    /// it must read, and returns false to stop the walk there (then this returns false). Errors of
    /// the walk itself reach the caller through `failure`, as in `walkObject`.
    mutating func walkArray<E: Error>(
        failure convert: (Failure) -> E, _ element: (inout JSONParser) throws(E) -> Bool
    ) throws(E) -> Bool {
        do throws(Failure) {
            try enterContainer()
            position += 1
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                position += 1
                depth -= 1
                return true
            }
        } catch {
            throw convert(error)
        }
        while true {
            if peek == UInt8(ascii: "]") { throw convert(failure("trailing comma before ']'")) }
            guard try element(&self) else { return false }
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return true
            default:
                throw convert(failure("expected ',' or ']' in an array, found \(describeCurrent())"))
            }
        }
    }

    /// A member name: its bytes where they lie in the input when it is ASCII without escapes (as
    /// the names of the store's documents are), else decoded and checked as `parseString` does.
    mutating func parseMemberName() throws(Failure) -> JSONMemberName {
        guard let closingQuote = plainStringEnd() else { return JSONMemberName(decoded: try parseString()) }
        let name = JSONMemberName(bytes: UnsafeBufferPointer(rebasing: bytes[(position + 1)..<closingQuote]))
        position = closingQuote + 1
        return name
    }

    mutating func parseString() throws(Failure) -> String {
        let opening = position
        let contentStart = position + 1
        // Most strings have no escapes: take them straight from the input. An ASCII one needs no
        // second pass to check its UTF-8.
        let run = plainRun(from: contentStart)
        position = run.stop
        guard position < end else { throw Failure(offset: opening, message: "unterminated string") }
        if bytes[position] == UInt8(ascii: "\"") {
            position += 1
            return try makeString(bytes[contentStart..<run.stop], at: opening, isASCII: run.isASCII)
        }

        // A backslash (or a control character, refused below): from here the string is decoded,
        // the plain runs between escapes copied whole.
        var decoded = Array(bytes[contentStart..<position])
        while position < end {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return try decoded.withUnsafeBufferPointer { buffer throws(Failure) in
                    try makeString(buffer[...], at: opening, isASCII: buffer.allSatisfy { $0 < 0x80 })
                }
            case UInt8(ascii: "\\"):
                try appendEscape(to: &decoded)
            default:
                // `plainRun` stops only at a quote, a backslash or a control character.
                throw controlCharacterFailure(byte)
            }
            let next = plainRun(from: position)
            decoded.append(contentsOf: bytes[position..<next.stop])
            position = next.stop
        }
        throw Failure(offset: opening, message: "unterminated string")
    }

    private mutating func appendEscape(to decoded: inout [UInt8]) throws(Failure) {
        let escapeStart = position
        position += 1
        guard position < end else { throw Failure(offset: escapeStart, message: "unterminated escape sequence") }
        let simple: UInt8?
        switch bytes[position] {
        case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default:
            throw Failure(offset: escapeStart, message: "invalid escape sequence '\\\(describeCurrentCharacter())'")
        }
        if let simple {
            decoded.append(simple)
            position += 1
            return
        }
        position += 1
        var scalarValue = try readHexQuad(escapeStart: escapeStart)
        if (0xD800...0xDBFF).contains(scalarValue) {
            // A high surrogate must be followed by an escaped low surrogate; together they are one scalar.
            guard position + 1 < end, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
            else { throw Failure(offset: escapeStart, message: "unpaired surrogate in \\u escape") }
            let lowStart = position
            position += 2
            let low = try readHexQuad(escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw Failure(offset: escapeStart, message: "unpaired surrogate in \\u escape")
            }
            scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalarValue) {
            throw Failure(offset: escapeStart, message: "unpaired surrogate in \\u escape")
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            throw Failure(offset: escapeStart, message: "invalid \\u escape")
        }
        UTF8.encode(scalar) { decoded.append($0) }
    }

    private mutating func readHexQuad(escapeStart: Int) throws(Failure) -> UInt32 {
        guard position + 4 <= end else {
            throw Failure(offset: escapeStart, message: "\\u must be followed by four hex digits")
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = ASCII.hexDigitValue(bytes[position]) else {
                throw Failure(offset: escapeStart, message: "\\u must be followed by four hex digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// `isASCII`: no byte has its high bit set. Such a string needs no validation, and decoding
    /// it is String's fast path; `String(validating:)` costs several times as much.
    private func makeString(_ utf8: Slice<UnsafeBufferPointer<UInt8>>, at offset: Int, isASCII: Bool) throws(Failure) -> String {
        let buffer = UnsafeBufferPointer(rebasing: utf8)
        if isASCII {
            return String(decoding: buffer, as: UTF8.self)
        }
        guard let string = String(validating: buffer, as: UTF8.self) else {
            throw Failure(offset: offset, message: "string is not valid UTF-8")
        }
        return string
    }

    private mutating func parseNumber() throws(Failure) -> Double {
        let start = position
        let negative = peek == UInt8(ascii: "-")
        if negative { position += 1 }
        guard let first = peek, ASCII.isDigit(first) else {
            throw failure("expected a digit after '-', found \(describeCurrent())")
        }
        // Small integers, by far the common case, are accumulated directly instead of going through text.
        var integer = 0
        var digits = 0
        if first == UInt8(ascii: "0") {
            position += 1
            if let next = peek, ASCII.isDigit(next) { throw failure("leading zeros are not allowed in numbers") }
            digits = 1
        } else {
            while let byte = peek, let digit = ASCII.digitValue(byte) {
                if digits < 16 { integer = integer * 10 + digit }
                digits += 1
                position += 1
            }
        }
        var isSimpleInteger = digits <= 15
        if peek == UInt8(ascii: ".") {
            isSimpleInteger = false
            position += 1
            guard let byte = peek, ASCII.isDigit(byte) else { throw failure("expected a digit after '.'") }
            while let byte = peek, ASCII.isDigit(byte) { position += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            isSimpleInteger = false
            position += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
            guard let byte = peek, ASCII.isDigit(byte) else { throw failure("expected a digit in the exponent") }
            while let byte = peek, ASCII.isDigit(byte) { position += 1 }
        }
        if isSimpleInteger {
            return negative ? -Double(integer) : Double(integer)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw Failure(offset: start, message: "number \(text) is out of range")
        }
        return value
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        let matches =
            position + count <= end && (0..<count).allSatisfy { bytes[position + $0] == literal.utf8Start[$0] }
        guard matches else { throw failure("invalid literal; expected '\(literal)'") }
        position += count
    }

    // MARK: - Helpers

    var peek: UInt8? {
        position < end ? bytes[position] : nil
    }

    mutating func skipWhitespace() {
        while position < end, ASCII.isWhitespace(bytes[position]) { position += 1 }
    }

    private mutating func enterContainer() throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw failure("nesting is deeper than \(Self.maximumDepth) levels")
        }
    }

    private func failure(_ message: String) -> Failure {
        Failure(offset: position, message: message)
    }

    private func controlCharacterFailure(_ byte: UInt8) -> Failure {
        let hex = String(byte, radix: 16, uppercase: true)
        return failure(
            "control character U+\(String(repeating: "0", count: 4 - hex.count) + hex) must be escaped in a string")
    }

    private func describeCurrent() -> String {
        guard position < end else { return "the end of the input" }
        let character = describeCurrentCharacter()
        return character.hasPrefix("byte") ? character : "'\(character)'"
    }

    private func describeCurrentCharacter() -> String {
        let byte = bytes[position]
        if ASCII.isPrintable(byte) { return String(Character(Unicode.Scalar(byte))) }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
