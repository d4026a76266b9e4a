import TestSupport
import Testing
import TimelineCore

/// Contract §15: limits counted in Unicode scalars, at most 100 actors, bounded reports.
@Suite("Input limits")
struct InputLimitTests {
    /// One grapheme cluster: `a` and 3,000 combining acute accents (6,001 UTF-8 bytes).
    private static let oneHugeCharacter = "a" + String(repeating: "\u{0301}", count: 3_000)

    @Test func aTagOfOneCharacterWithThousandsOfCombiningMarksIsTooLong() {
        #expect(Self.oneHugeCharacter.count == 1)
        let issues = Fixtures.issues(of: Fixtures.record(["tags": [.string(Self.oneHugeCharacter)]]))
        #expect(issues.map(\.field) == ["tags[0]"])
        #expect(issues.first?.message.contains("at most 64 characters (got 3,001)") == true)
        // The echo of the value is bounded in scalars too.
        #expect((issues.first?.message.utf8.count ?? .max) < 400)
    }

    @Test func aTitleOfOneCharacterOf400KilobytesIsTooLong() {
        let title = "x" + String(repeating: "\u{0301}", count: 200_000)
        let issues = Fixtures.issues(of: Fixtures.record(["title": .string(title)]))
        #expect(issues.map(\.field) == ["title"])
    }

    @Test func aHundredActorsOfSixtyFourCharactersAreValidAndAHundredAndOneAreNot() throws {
        func actors(_ count: Int) -> JSONValue {
            .array((0..<count).map { .string(String(format: "%064d", $0)) })
        }
        let valid = try EventRecordValidator.validate(Fixtures.record(["actors": actors(100)]), index: nil).get()
        #expect(valid.actors.count == 100)
        let issues = Fixtures.issues(of: Fixtures.record(["actors": actors(101)]))
        #expect(issues.map(\.field) == ["actors"])
        #expect(issues.first?.message == "must have at most 100 actors (got 101)")
    }

    @Test func aRecordReportsAHundredIssuesAndCountsTheRest() {
        var members: [String: JSONValue?] = [:]
        for index in 0..<1_000 { members["unknown\(index)"] = .number(1) }
        guard case .failure(let errors) = EventRecordValidator.validate(Fixtures.record(members), index: 7) else {
            Issue.record("expected a failure")
            return
        }
        #expect(errors.issues.count == 100)
        #expect(errors.omittedCount == 900)
        #expect(errors.issues.allSatisfy { $0.index == 7 })
        // The reported ones are the first in name order, as a full report would list them.
        let names = (0..<1_000).map { "unknown\($0)" }.sorted()
        #expect(errors.issues.map(\.field) == Array(names.prefix(100)))
    }

    @Test func aRecordValidatedAfterTheReportIsFullIsOnlyCounted() {
        var members: [String: JSONValue?] = ["title": nil]
        for index in 0..<200 { members["unknown\(index)"] = .number(1) }
        guard case .failure(let errors) = EventRecordValidator.validate(Fixtures.record(members), index: 3, room: 0) else {
            Issue.record("expected a failure")
            return
        }
        #expect(errors.issues.isEmpty && errors.omittedCount == 201)
    }

    @Test func aBatchOfRecordsFullOfUnknownFieldsReportsAHundredIssuesInAll() {
        var members: [String: JSONValue?] = [:]
        for index in 0..<200 { members["unknown\(index)"] = .number(1) }
        var validator = RecordBatchValidator()
        for _ in 0..<3_000 { validator.add(Fixtures.record(members)) }
        guard case .failure(let errors) = validator.finish() else {
            Issue.record("expected a failure")
            return
        }
        #expect(errors.issues.count == 100 && errors.totalCount == 600_000)
        #expect(errors.issues.allSatisfy { $0.index == 0 })
    }

    @Test func reportsMergeUpToTheLimit() {
        func errors(_ count: Int, omitted: Int = 0) -> ValidationErrors {
            ValidationErrors(issues: (0..<count).map { ValidationIssue(index: $0, field: "f", message: "m") }, omittedCount: omitted)
        }
        var merged = errors(60)
        merged.append(contentsOf: errors(60, omitted: 5))
        #expect(merged.issues.count == 100 && merged.omittedCount == 25 && merged.totalCount == 125)
        #expect(merged.description.hasSuffix("; and 25 more"))
    }
}

@Suite("Record batch validator")
struct RecordBatchValidatorTests {
    @Test func indicesCountAcrossChunksAndMatchRecordByRecordValidation() {
        var random = SeededRandom(seed: 1979)
        let values: [JSONValue] = (0..<2_600).map { _ in
            Int.random(in: 0..<40, using: &random) == 0 ? Fixtures.record(["date": "2023-13"]) : Fixtures.record()
        }
        var validator = RecordBatchValidator()
        for value in values { validator.add(value) }
        guard case .failure(let errors) = validator.finish() else {
            Issue.record("expected a failure")
            return
        }
        let expected = values.indices.flatMap { index in Fixtures.issues(of: values[index], index: index) }
        #expect(errors.totalCount == expected.count)
        #expect(errors.issues == Array(expected.prefix(100)))
    }

    @Test func allValidRecordsComeBackInOrder() throws {
        let values = (0..<2_100).map { Fixtures.record(["title": .string("Visit \($0)")]) }
        var validator = RecordBatchValidator()
        for value in values {
            let isTaken = validator.add(value)
            #expect(isTaken)
        }
        let records = try validator.finish().get()
        #expect(records.map(\.title) == (0..<2_100).map { "Visit \($0)" })
    }

    @Test func oneRecordPastTheLimitStopsTheBatch() {
        var validator = RecordBatchValidator(maximumRecords: 3)
        let taken = (0..<5).map { _ in validator.add(Fixtures.record()) }
        #expect(taken == [true, true, true, false, false])
        #expect(validator.isOverLimit)
        #expect(validator.count == 4)
    }
}
