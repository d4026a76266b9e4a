import Foundation
import Testing
import TimelineCore

@Suite struct CanonicalEncodingTests {
    private func canonical(_ json: String) throws -> Data {
        let record = try EventRecordValidator.validate(try JSONValue(parsing: json), index: nil).get()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(record)
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
}
