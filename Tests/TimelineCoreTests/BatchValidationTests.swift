import Testing
import TimelineCore

@Suite struct BatchValidationTests {
    @Test func returnsAllRecordsWhenAllAreValid() throws {
        let records = try EventRecordValidator.validate(batch: [
            Fixtures.record(), Fixtures.record(["kind": "meeting"]),
        ]).get()
        #expect(records.map(\.kind) == [.visit, .meeting])
    }

    @Test func reportsEveryIssueOfEveryRecordWithItsIndex() throws {
        let batch: [JSONValue] = [
            Fixtures.record(),
            Fixtures.record(["title": nil, "date": "2023-02-30"]),
            Fixtures.record(),
            "not a record",
            Fixtures.record(["kind": "signing", "titel": "x"]),
        ]
        let result = EventRecordValidator.validate(batch: batch)
        guard case .failure(let errors) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(
            errors.issues.map { "\($0.index ?? -1) \($0.field)" } == [
                "1 title", "1 date", "3 ", "4 agreement", "4 titel",
            ])
        #expect(errors.issues[2].description == "#3 a record must be a JSON object, not a string")
    }

    @Test func encodesIssuesForProblemResponses() throws {
        let issue = ValidationIssue(index: 2, field: "actors[1].id", message: "is required")
        #expect(issue.description == "#2 actors[1].id: is required")
        #expect(ValidationIssue(index: nil, field: "title", message: "is required").description == "title: is required")
    }

    @Test func acceptsAnEmptyBatch() throws {
        #expect(try EventRecordValidator.validate(batch: []).get().isEmpty)
    }
}
