import Testing
import TimelineCore

/// Contract §2 rules for the scalar fields of a record.
@Suite struct RecordFieldValidationTests {
    @Test func acceptsTheMinimalRecord() throws {
        let record = try Fixtures.valid(Fixtures.record())
        #expect(record.kind == .visit)
        #expect(record.title == "Raimondo visits Beijing")
        #expect(record.date.description == "2023-08-27")
        #expect(record.key == nil && record.actors.isEmpty && record.sources.isEmpty && record.tags.isEmpty)
    }

    @Test(arguments: ["kind", "title", "date"])
    func requires(field: String) {
        let issue = Fixtures.singleIssue(of: Fixtures.record([field: nil]), at: field)
        #expect(issue?.message == "is required")
    }

    @Test func rejectsRecordsThatAreNotObjects() {
        let issue = Fixtures.singleIssue(of: ["kind", "visit"], at: "")
        #expect(issue?.message == "a record must be a JSON object, not an array")
    }

    @Test func rejectsUnknownKinds() {
        let issue = Fixtures.singleIssue(of: Fixtures.record(["kind": "vist"]), at: "kind")
        #expect(issue?.message.hasPrefix("unknown kind 'vist'; expected one of visit, meeting,") == true)
    }

    @Test(arguments: [
        ("kind", JSONValue.number(1), "must be a string, not a number"),
        ("title", .array([]), "must be a string, not an array"),
        ("date", .number(2023), "must be a string, not a number"),
        ("title", .null, "must be a string, not null"),
        ("key", .bool(true), "must be a string, not a boolean"),
        ("location", .object([:]), "must be a string, not an object"),
        ("summary", 3, "must be a string, not a number"),
        ("actors", "US", "must be an array, not a string"),
        ("sources", .object(["url": "https://example.org"]), "must be an array, not an object"),
        ("tags", "trade", "must be an array, not a string"),
        ("end_date", 20_230_830, "must be a string, not a number"),
    ])
    func namesWrongTypes(field: String, value: JSONValue, message: String) {
        let issue = Fixtures.singleIssue(of: Fixtures.record([field: value]), at: field)
        #expect(issue?.message == message)
    }

    @Test func treatsNullAsAbsentForOptionalFields() throws {
        let record = try Fixtures.valid(
            Fixtures.record(["key": nil as JSONValue?, "location": .null, "tags": .null, "end_date": .null]))
        #expect(record.location == nil && record.tags.isEmpty && record.endDate == nil)
    }

    @Test func trimsTheTitle() throws {
        let record = try Fixtures.valid(Fixtures.record(["title": "  \n Raimondo visits Beijing\t "]))
        #expect(record.title == "Raimondo visits Beijing")
    }

    @Test func limitsTheTitleToFiveHundredCharactersAfterTrimming() throws {
        let fiveHundred = String(repeating: "é", count: 500)
        #expect(try Fixtures.valid(Fixtures.record(["title": .string("  " + fiveHundred + "  ")])).title == fiveHundred)
        // Counted in Unicode scalars (contract §15): a family emoji is one character of five scalars.
        #expect(
            try Fixtures.valid(Fixtures.record(["title": .string(String(repeating: "👨‍👩‍👧", count: 100))])).title.count
                == 100)
        let family = Fixtures.singleIssue(
            of: Fixtures.record(["title": .string(String(repeating: "👨‍👩‍👧", count: 101))]), at: "title")
        #expect(family?.message == "must be at most 500 characters after trimming (got 505)")
        let issue = Fixtures.singleIssue(of: Fixtures.record(["title": .string(fiveHundred + "x")]), at: "title")
        #expect(issue?.message == "must be at most 500 characters after trimming (got 501)")
    }

    @Test(arguments: ["", "   ", "\n\t"])
    func rejectsBlankTitles(title: String) {
        let issue = Fixtures.singleIssue(of: Fixtures.record(["title": .string(title)]), at: "title")
        #expect(issue?.message == "must not be empty")
    }

    @Test func rejectsNULCharacters() {
        let issue = Fixtures.singleIssue(of: Fixtures.record(["title": "a\u{0}b"]), at: "title")
        #expect(issue?.message.contains("NUL") == true)
    }

    @Test func reportsTheDateProblem() {
        let issue = Fixtures.singleIssue(of: Fixtures.record(["date": "2023-02-30"]), at: "date")
        #expect(issue?.message == "'2023-02-30' is not a date: February 2023 has 28 days")
    }

    @Test func acceptsAnEndDateNotBeforeTheStart() throws {
        let record = try Fixtures.valid(Fixtures.record(["date": "2023-08", "end_date": "2023-08-01"]))
        #expect(record.start.description == "2023-08-01")
        #expect(record.end.description == "2023-08-01")
        let spanning = try Fixtures.valid(Fixtures.record(["date": "2023-08-27", "end_date": "2023-09"]))
        #expect(spanning.end.description == "2023-09-30")
        let single = try Fixtures.valid(Fixtures.record(["date": "1979"]))
        #expect(single.start.description == "1979-01-01" && single.end.description == "1979-12-31")
    }

    @Test func rejectsAnEndDateStartingBeforeTheDate() {
        let issue = Fixtures.singleIssue(
            of: Fixtures.record(["date": "2023-08-27", "end_date": "2023-08"]), at: "end_date")
        #expect(issue?.message == "2023-08 starts before the date 2023-08-27")
        _ = Fixtures.singleIssue(of: Fixtures.record(["end_date": "2023-02-30"]), at: "end_date")
    }

    @Test(arguments: ["raimondo-beijing-2023", "A", "9", "us:cn.sta_2023-x", String(repeating: "k", count: 128)])
    func acceptsKeys(key: String) throws {
        #expect(try Fixtures.valid(Fixtures.record(["key": .string(key)])).key == key)
    }

    @Test(arguments: ["", "-leading", ".dot", "has space", "ümlaut", "slash/no", String(repeating: "k", count: 129)])
    func rejectsKeys(key: String) {
        let issue = Fixtures.singleIssue(of: Fixtures.record(["key": .string(key)]), at: "key")
        #expect(issue?.message.contains("is not a valid key") == true)
    }

    @Test func limitsLocationAndSummary() throws {
        let location = String(repeating: "x", count: 200)
        let summary = String(repeating: "y", count: 20_000)
        let record = try Fixtures.valid(Fixtures.record(["location": .string(location), "summary": .string(summary)]))
        #expect(record.location == location && record.summary == summary)
        let issues = Fixtures.issues(
            of: Fixtures.record(["location": .string(location + "x"), "summary": .string(summary + "y")]))
        #expect(issues.map(\.field) == ["location", "summary"])
        #expect(
            issues.map(\.message) == [
                "must be at most 200 characters (got 201)", "must be at most 20,000 characters (got 20,001)",
            ])
    }

    @Test func rejectsUnknownFieldsByName() {
        let issue = Fixtures.singleIssue(of: Fixtures.record(["notes": "x"]), at: "notes")
        #expect(issue?.message == "unknown field 'notes'")
    }

    @Test func suggestsTheFieldATypoMeant() {
        let issues = Fixtures.issues(of: Fixtures.record(["title": nil, "titel": "Raimondo visits Beijing"]))
        #expect(issues.map(\.field) == ["title", "titel"])
        #expect(issues.last?.message == "unknown field 'titel' (did you mean 'title'?)")
    }

    @Test func explainsServerFieldsCopiedFromAResponse() {
        let issue = Fixtures.singleIssue(of: Fixtures.record(["revision": 2]), at: "revision")
        #expect(issue?.message == "unknown field 'revision' (set by the server)")
    }

    @Test func collectsEveryIssueOfARecord() {
        let value = Fixtures.record([
            "kind": "signing", "title": " ", "date": "2023-13", "key": "bad key", "wat": 1, "tags": ["", "ok"],
        ])
        let issues = Fixtures.issues(of: value, index: 4)
        #expect(issues.map(\.field) == ["key", "title", "date", "agreement", "tags[0]", "wat"])
        #expect(issues.allSatisfy { $0.index == 4 })
    }
}
