import Foundation
import Testing
import TimelineCore

@Suite struct RecordDocumentTests {
    private func records(_ text: String, _ format: RecordDocument.Format) throws -> [JSONValue] {
        try RecordDocument.records(in: Data(text.utf8), format: format)
    }

    @Test func takesOneObjectAsOneRecord() throws {
        #expect(try records(#" {"kind": "visit"} "#, .json) == [["kind": "visit"]])
    }

    @Test func takesTheElementsOfAnArray() throws {
        #expect(try records(#"[{"a": 1}, {"a": 2}, 3]"#, .json) == [["a": 1], ["a": 2], 3])
        #expect(try records("[]", .json) == [])
    }

    @Test func refusesOtherTopLevelValues() {
        #expect(
            throws: RecordDocumentError(
                line: nil, message: "the body must be a JSON object or an array of objects, not a string")
        ) {
            try records(#""visit""#, .json)
        }
        #expect {
            try records("  \n", .json)
        } throws: { error in
            (error as? RecordDocumentError)?.message.contains("empty") == true
        }
    }

    @Test func reportsWhereJSONIsBroken() {
        #expect {
            try records("[{\"a\": 1},\n {\"a\" 2}]", .json)
        } throws: { error in
            (error as? RecordDocumentError)?.message.hasPrefix("invalid JSON at line 2, column 7") == true
        }
    }

    @Test func readsOneValuePerNDJSONLineSkippingBlankOnes() throws {
        let body = "{\"n\": 1}\r\n\n   \n{\"n\": 2}\n\t\r\n[3]\n{\"n\": 4}"
        #expect(try records(body, .ndjson) == [["n": 1], ["n": 2], [3], ["n": 4]])
        #expect(try records("", .ndjson) == [])
    }

    @Test func namesTheBadNDJSONLine() throws {
        let body = "{\"n\": 1}\n\n{\"n\": }\n{\"n\": 3}\n"
        let error = try #require(throws: RecordDocumentError.self) { try records(body, .ndjson) }
        #expect(error.line == 3)
        #expect(error.description.hasPrefix("line 3: invalid JSON at column 7: "))
    }

    @Test func refusesTwoValuesOnOneNDJSONLine() throws {
        let error = try #require(throws: RecordDocumentError.self) { try records("{} {}\n", .ndjson) }
        #expect(error.line == 1)
    }

    @Test func skipsAByteOrderMark() throws {
        let body = Data([0xEF, 0xBB, 0xBF]) + Data(#"{"a": 1}"#.utf8)
        #expect(try RecordDocument.records(in: body, format: .json) == [["a": 1]])
        #expect(try RecordDocument.records(in: Array(body), format: .ndjson) == [["a": 1]])
    }

    /// A byte-order mark belongs to no line: a first line of only the mark is blank, and columns
    /// on the first line count from after it.
    @Test func aByteOrderMarkIsNoPartOfTheFirstNDJSONLine() throws {
        #expect(try records("\u{FEFF}\n{\"a\": 1}", .ndjson) == [["a": 1]])
        let error = try #require(throws: RecordDocumentError.self) { try records("\u{FEFF}{\"a\": tru}", .ndjson) }
        #expect(error.line == 1)
        #expect(error.message.hasPrefix("invalid JSON at column 7: "))
    }

    @Test func guessesTheFormat() {
        #expect(RecordDocument.guessFormat(of: Data("[{}]".utf8)) == .json)
        #expect(RecordDocument.guessFormat(of: Data(" {\"a\": \"}{\"}\n".utf8)) == .json)
        #expect(RecordDocument.guessFormat(of: Data("{\n  \"a\": [1,\n 2]\n}\n".utf8)) == .json)
        #expect(RecordDocument.guessFormat(of: Data("{\"a\": 1}\n{\"a\": 2}\n".utf8)) == .ndjson)
        #expect(RecordDocument.guessFormat(of: Data("".utf8)) == .json)
    }
}
