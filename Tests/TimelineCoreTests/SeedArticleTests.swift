import Foundation
import Testing
import TimelineCore

@Suite struct SeedArticleTests {
    private func seedRecords() throws -> [EventRecord] {
        let values = try RecordDocument.records(in: Data(SeedArticle.ndjson.utf8), format: .ndjson)
        return try EventRecordValidator.validate(batch: values).get()
    }

    @Test func validatesAllEightRecords() throws {
        let records = try seedRecords()
        #expect(records.count == 8)
        #expect(records.map(\.kind) == [.signing, .visit, .visit, .visit, .visit, .meeting, .statement, .expiration])
    }

    @Test func keepsTheArticlesPrecision() throws {
        let records = try seedRecords()
        #expect(records[0].precision == .year)
        #expect(records[0].start.description == "1979-01-01" && records[0].end.description == "1979-12-31")
        #expect(records[6].precision == .month)
        #expect(records[4].end.description == "2023-08-30")
        #expect(records[0].agreement?.definition?.parties == ["US", "CN"])
        #expect(records[7].agreement == .id("us-cn-sta"))
    }

    @Test func reEncodesToTheSameRecords() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for record in try seedRecords() {
            let data = try encoder.encode(record)
            let again = try EventRecordValidator.validate(try JSONValue(parsing: data), index: nil).get()
            #expect(again == record)
            #expect(try encoder.encode(again) == data)
        }
    }
}
