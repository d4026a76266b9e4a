import Foundation
import Testing
import TimelineCore

@Suite struct CanonicalEncodingTests {
    private func record(_ json: String) throws -> EventRecord {
        try EventRecordValidator.validate(try JSONValue(parsing: json), index: nil).get()
    }

    /// The form ingest compares and stores.
    private func canonical(_ json: String) throws -> Data {
        Data(try record(json).jsonValue.canonicalText.utf8)
    }

    @Test func ignoresMemberOrderAndWhitespace() throws {
        let one = try canonical(
            #"""
            {"key":"k1","kind":"extension","title":"Extended","date":"2023-08-27",
             "agreement":{"id":"a","title":"A","parties":["US","CN"]},"extends_by":"P6M",
             "actors":[{"id":"US","role":"party"},"CN"],"sources":[{"url":"https://x.org","title":"X"}],"tags":["t"]}
            """#)
        let two = try canonical(
            #"""
            {  "tags" : ["t"], "sources":[{"title":"X","url":"https://x.org"}],
               "actors":[{"role":"party","id":"US"} , "CN"],
               "extends_by":"P06M", "agreement":{"parties":["US","CN"],"title":" A ","id":"a"},
               "date":"2023-08-27","title":"  Extended\n","kind":"extension","key":"k1"}
            """#)
        #expect(one == two)
    }

    @Test func usesTheContractsFieldNamesAndOmitsEmptyValues() throws {
        let data = try canonical(
            #"""
            {"kind":"signing","title":"T","date":"2023","end_date":"2023-06","agreement":"a","expires_on":"2033-06-30",
             "location":null,"actors":[],"sources":[],"tags":[]}
            """#)
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"{"agreement":"a","date":"2023","end_date":"2023-06","expires_on":"2033-06-30","kind":"signing","title":"T"}"#
        )
    }

    @Test func keepsTheShapeOfActors() throws {
        let bare = try canonical(#"{"kind":"visit","title":"T","date":"2023","actors":["US"]}"#)
        let object = try canonical(#"{"kind":"visit","title":"T","date":"2023","actors":[{"id":"US"}]}"#)
        #expect(String(decoding: bare, as: UTF8.self).contains(#""actors":["US"]"#))
        #expect(String(decoding: object, as: UTF8.self).contains(#""actors":[{"id":"US"}]"#))
    }

    @Test func differsWhenTheContentDiffers() throws {
        let a = try canonical(#"{"kind":"visit","title":"T","date":"2023","tags":["a","b"]}"#)
        let b = try canonical(#"{"kind":"visit","title":"T","date":"2023","tags":["b","a"]}"#)
        let c = try canonical(#"{"kind":"visit","title":"T","date":"2023-01","tags":["a","b"]}"#)
        #expect(a != b && a != c)
    }

    @Test func decodesThroughTheValidator() throws {
        let data = try canonical(#"{"kind":"visit","title":"T","date":"2023-08","key":"k"}"#)
        let record = try JSONDecoder().decode(EventRecord.self, from: data)
        #expect(record.key == "k" && record.date.description == "2023-08")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(EventRecord.self, from: Data(#"{"kind":"visit","date":"2023"}"#.utf8))
        }
    }

    @Test func isWhatFoundationsSortedEncoderWritesForTheSameRecord() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for json in [
            #"{"kind":"signing","title":"T","date":"2023","end_date":"2023-06","agreement":"a","expires_on":"2033-06-30"}"#,
            #"{"key":"k1","kind":"extension","title":"Extended \"quoted\" \\ path/ü 漢字 😀","date":"2023-08-27","agreement":{"id":"a","title":"A","parties":["US","CN"]},"extends_by":"P6M","actors":[{"id":"US","role":"party","name":"United States"},"CN"],"sources":[{"url":"https://x.org/a?b=c","title":"X","published":"2023-08"}],"tags":["t","u"],"summary":"s","location":"Beijing"}"#,
        ] {
            let record = try record(json)
            #expect(record.jsonValue.canonicalText == String(decoding: try encoder.encode(record), as: UTF8.self))
        }
    }

    @Test func sortsKeysByTheirBytesAtEveryLevel() {
        let value = JSONValue.object([
            "b": .number(1), "a": .object(["d": .null, "c": .array([.bool(true), .bool(false)])]), "B": .string(""),
        ])
        #expect(value.canonicalText == #"{"B":"","a":{"c":[true,false],"d":null},"b":1}"#)
    }

    @Test func escapesWhatJSONRequiresAndReadsBackTheSame() throws {
        let text = "quote \" backslash \\ newline \n tab \t return \r bell \u{7} unit \u{1F} slash / é 😀 \u{2028}"
        let value = JSONValue.object(["text": .string(text), "numbers": .array([.number(5), .number(-3), .number(0.5), .number(1e300)])])
        let written = value.canonicalText
        #expect(written.contains(#"\u0007"#) && written.contains(#"\u001f"#) && written.contains(#"\n"#))
        #expect(written.contains(#"[5,-3,0.5,1e+300]"#))
        #expect(try JSONValue(parsing: written) == value)
    }
}
