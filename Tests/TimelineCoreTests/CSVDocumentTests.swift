import Foundation
import Testing
import TimelineCore

@Suite struct CSVDocumentTests {
    private func records(_ text: String) throws -> [JSONValue] {
        try RecordDocument.records(in: Data(text.utf8), format: .csv)
    }

    private func failure(_ text: String) throws -> RecordDocumentError {
        try #require(throws: RecordDocumentError.self) { try records(text) }
    }

    @Test func makesOneRecordPerRowNamedByTheHeader() throws {
        let text = "key,kind,title,date\nvisit-1,visit,Blinken in Beijing,2023-06-18\n,meeting,Talks,2023-07\n"
        #expect(try records(text) == [
            ["key": "visit-1", "kind": "visit", "title": "Blinken in Beijing", "date": "2023-06-18"],
            ["kind": "meeting", "title": "Talks", "date": "2023-07"],
        ])
    }

    @Test func readsQuotedFieldsWithCommasDoubledQuotesAndNewlines() throws {
        let text = "title,summary\r\n\"Raimondo, Wang\",\"She said \"\"no\"\"\r\nand left.\"\r\n\"\",plain\r\n"
        #expect(try records(text) == [
            ["title": "Raimondo, Wang", "summary": "She said \"no\"\r\nand left."],
            ["summary": "plain"],
        ])
    }

    @Test func takesLFOrCRLFAndSkipsBlankLinesAndAByteOrderMark() throws {
        let expected: [JSONValue] = [["title": "a"], ["title": "b"]]
        #expect(try records("title\na\n\nb") == expected)
        #expect(try records("title\r\na\r\n\r\nb\r\n") == expected)
        let withMark = Data([0xEF, 0xBB, 0xBF]) + Data("title\na\nb\n".utf8)
        #expect(try RecordDocument.records(in: withMark, format: .csv) == expected)
    }

    @Test func splitsActorsWithRolesAndTags() throws {
        let text = "actors,tags\n\"US; CN:host ;gina-raimondo: visitor\",trade; export-controls\n"
        #expect(try records(text) == [[
            "actors": ["US", ["id": "CN", "role": "host"], ["id": "gina-raimondo", "role": "visitor"]],
            "tags": ["trade", "export-controls"],
        ]])
    }

    @Test func anAgreementTitleMakesTheAgreementADefinition() throws {
        let text = "agreement,agreement_title,expires_on\nus-china-st,US–China S&T Agreement,2024-02-27\nus-china-st,,\n,Orphan title,\n"
        #expect(try records(text) == [
            ["agreement": ["id": "us-china-st", "title": "US–China S&T Agreement"], "expires_on": "2024-02-27"],
            ["agreement": "us-china-st"],
            ["agreement": ["title": "Orphan title"]],
        ])
    }

    @Test func theSourceColumnsMakeOneSource() throws {
        let text = "source_url,source_title,source_published\nhttps://example.org/a,Readout,2023-08-28\n,Only a title,\n,,\n"
        #expect(try records(text) == [
            ["sources": [["url": "https://example.org/a", "title": "Readout", "published": "2023-08-28"]]],
            ["sources": [["title": "Only a title"]]],
            [:],
        ])
    }

    @Test func aHeaderAloneIsNoRecordAndAnEmptyFileIsRefused() throws {
        #expect(try records("key,kind,title\n") == [])
        #expect(try failure("").line == nil)
        #expect(try failure("\n\n").message.contains("header"))
    }

    @Test func anUnknownColumnIsNamed() throws {
        let error = try failure("kind,titel,date\nvisit,x,2020\n")
        #expect(error.line == 1)
        #expect(error.message.hasPrefix("unknown column 'titel'; the columns are key, kind, title"))
        #expect(try failure("kind,kind\n").message.contains("twice"))
        #expect(try failure("kind,,title\n").message.contains("column 2"))
    }

    @Test func namesTheLineOfARowWithTheWrongNumberOfFields() throws {
        let error = try failure("kind,title,date\nvisit,\"multi\nline\",2020\nvisit,short\n")
        #expect(error.line == 4)
        #expect(error.description == "line 4: the row has 2 fields, the header 3 columns")
    }

    @Test func namesTheLineOfAQuotingError() throws {
        let unclosed = try failure("kind,title\nvisit,ok\nvisit,\"never\nclosed\n")
        #expect(unclosed.line == 3)
        #expect(unclosed.message.contains("never closed"))
        let stray = try failure("kind,title\nvisit,say \"hi\"\n")
        #expect(stray.line == 2)
        #expect(stray.message.contains("field 2"))
        let trailing = try failure("kind,title\nvisit,\"hi\"there\n")
        #expect(trailing.line == 2)
        #expect(trailing.message.contains("after its closing quote"))
    }

    @Test func refusesInvalidUTF8WithItsLine() throws {
        let body = Data("title\nok\n".utf8) + Data([0xC3, 0x28]) + Data("\n".utf8)
        let error = try #require(throws: RecordDocumentError.self) { try RecordDocument.records(in: body, format: .csv) }
        #expect(error.line == 3)
        #expect(error.message.contains("UTF-8"))
    }

    @Test func rowsGoThroughTheValidatorWithTheirIndex() throws {
        let values = try records("kind,title,date,actors\nvisit,Fine,2023-08-27,US\nvisit,,2023-02-30,US;;CN\n")
        guard case .failure(let errors) = EventRecordValidator.validate(batch: values) else {
            Issue.record("the second row is invalid")
            return
        }
        #expect(errors.issues.allSatisfy { $0.index == 1 })
        #expect(Set(errors.issues.map(\.field)) == ["title", "date", "actors[1]"])
    }
}
