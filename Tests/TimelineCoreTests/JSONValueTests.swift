import Foundation
import Testing
import TimelineCore

@Suite struct JSONValueTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONValue(
            parsing: #" {"a": [1, -2.5, 3e2, true, false, null, "x\n\u00e9\ud83d\ude00"], "b": {}} "#)
        #expect(value == ["a": [1, -2.5, 300, true, false, nil, "x\né😀"], "b": [:]])
    }

    @Test func keepsLargeAndPreciseNumbers() throws {
        #expect(try JSONValue(parsing: "12345678901234567890") == .number(1.2345678901234567e19))
        #expect(try JSONValue(parsing: "0.1") == .number(0.1))
        #expect(try JSONValue(parsing: "-0") == .number(0))
    }

    @Test(arguments: [
        (#"{"a":1,}"#, "trailing comma"),
        ("[1,]", "trailing comma"),
        (#"{"a":1,"a":2}"#, "duplicate member name 'a'"),
        ("01", "leading zeros"),
        ("1.", "digit after '.'"),
        ("1e", "exponent"),
        ("1e999", "out of range"),
        ("tru", "expected 'true'"),
        (#""abc"#, "unterminated string"),
        ("\"a\u{1}b\"", "control character U+0001"),
        (#""\x""#, "invalid escape"),
        (#""\ud800""#, "unpaired surrogate"),
        (#""\u12G4""#, "four hex digits"),
        ("{} {}", "after the JSON value"),
        ("", "end of the input"),
        ("{'a': 1}", "member name in double quotes"),
        ("NaN", "expected a JSON value"),
    ])
    func rejectsMalformedText(text: String, messageFragment: String) {
        #expect {
            try JSONValue(parsing: text)
        } throws: { error in
            (error as? JSONParseError)?.message.contains(messageFragment) == true
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) {
            try JSONValue(parsing: [UInt8(ascii: "\""), 0xFF, UInt8(ascii: "\"")])
        }
    }

    /// Strings are scanned eight bytes at a time: what ends a string, starts an escape, must be
    /// refused or is not ASCII counts wherever it falls in a word, in strings of every length,
    /// from a string's start and after an escape. A string skipped unread, or read as a member
    /// name, is refused exactly when a parsed one is.
    @Test func everySpecialByteCountsAtEveryPositionOfAString() throws {
        var wrong: [String] = []
        for (leadText, lead) in [("", [UInt8]()), ("\t", Array(#"\t"#.utf8))] {
            for length in 1..<20 {
                for position in 0..<length {
                    func text(with middle: [UInt8]) -> [UInt8] {
                        [UInt8(ascii: "\"")] + lead + Array(repeating: UInt8(ascii: "x"), count: position) + middle
                            + Array(repeating: UInt8(ascii: "y"), count: length - position - 1) + [UInt8(ascii: "\"")]
                    }
                    let plain = leadText + String(repeating: "x", count: position) + "%@"
                        + String(repeating: "y", count: length - position - 1)
                    let cases: [(middle: [UInt8], expected: String?)] = [
                        (Array("\\n".utf8), plain.replacingOccurrences(of: "%@", with: "\n")),
                        (Array("é".utf8), plain.replacingOccurrences(of: "%@", with: "é")),
                        ([0x01], nil),
                        ([0x1F], nil),
                        ([0xFF], nil),
                    ]
                    for (middle, expected) in cases {
                        let string = text(with: middle)
                        let label = "\(middle) at \(position) of \(length) after \(lead)"
                        let parsed = try? JSONValue(parsing: string).stringValue
                        if parsed != expected { wrong.append("\(label): \(String(describing: parsed))") }
                        let skipped = (try? JSONReader.read(Array(#"{"k": "#.utf8) + string + [UInt8(ascii: "}")]) {
                            reader throws(JSONParseError) in try reader.readObject { _, _ in }
                        }) != nil
                        if skipped != (expected != nil) { wrong.append("\(label), skipped: accepted \(skipped)") }
                        let named = (try? JSONReader.read([UInt8(ascii: "{")] + string + Array(": 1}".utf8)) {
                            reader throws(JSONParseError) in try reader.readObject { _, _ in }
                        }) != nil
                        if named != (expected != nil) { wrong.append("\(label), a name: accepted \(named)") }
                    }
                    // A quote ends the string there: what follows is not JSON.
                    if (try? JSONValue(parsing: text(with: [UInt8(ascii: "\"")]))) != nil {
                        wrong.append("quote at \(position) of \(length) after \(lead)")
                    }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONValue(parsing: fine)) != nil)
    }

    @Test func pointsAtTheLineAndColumn() throws {
        let error = try #require(throws: JSONParseError.self) {
            try JSONValue(parsing: "{\n  \"a\": 1\n  \"b\": 2\n}")
        }
        #expect(error.line == 3)
        #expect(error.column == 3)
        #expect(error.description.hasPrefix("invalid JSON at line 3, column 3: expected ',' or '}'"))
    }

    @Test func roundTripsThroughCodable() throws {
        let value: JSONValue = ["s": "x", "n": 2.5, "b": true, "z": nil, "a": [1, "2"], "o": ["k": false]]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
        #expect(try JSONValue(parsing: data) == value)
    }

    @Test func describesTypesForMessages() {
        #expect(JSONValue.null.typeDescription == "null")
        #expect(JSONValue.number(1).typeDescription == "a number")
        #expect(JSONValue.array([]).typeDescription == "an array")
        #expect(JSONValue.object([:]).typeDescription == "an object")
        #expect(JSONValue.string("x")["k"] == nil)
        #expect((["k": 1] as JSONValue)["k"] == 1)
    }
}
