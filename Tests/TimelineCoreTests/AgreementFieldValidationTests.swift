import Testing
import TimelineCore

/// Contract §2 rules for `agreement`, `expires_on` and `extends_by`.
@Suite struct AgreementFieldValidationTests {
    @Test(arguments: EventKind.allCases.filter(\.isLifecycle))
    func requiresAnAgreementOnLifecycleEvents(kind: EventKind) {
        let issue = Fixtures.singleIssue(of: Fixtures.record(["kind": .string(kind.rawValue)]), at: "agreement")
        #expect(issue?.message == "is required for a '\(kind.rawValue)' event")
    }

    @Test func allowsAnAgreementOnPlainEvents() throws {
        let record = try Fixtures.valid(Fixtures.record(["kind": "statement", "agreement": "us-cn-sta"]))
        #expect(record.agreement == .id("us-cn-sta"))
    }

    @Test func acceptsTheDefiningObject() throws {
        let record = try Fixtures.valid(
            Fixtures.record([
                "kind": "signing",
                "agreement": ["id": "us-cn-sta", "title": "  US–China S&T Agreement ", "parties": ["US", "CN"]],
            ]))
        #expect(
            record.agreement
                == .definition(
                    AgreementDefinition(id: "us-cn-sta", title: "US–China S&T Agreement", parties: ["US", "CN"])))
        #expect(record.agreement?.id == "us-cn-sta")
    }

    @Test(arguments: ["US-CN", "-sta", "a b", ""])
    func rejectsAgreementIDs(id: String) {
        let issue = Fixtures.singleIssue(of: Fixtures.record(["agreement": .string(id)]), at: "agreement")
        #expect(issue?.message.contains("is not a valid agreement id: use 1–64 lower-case") == true)
        _ = Fixtures.singleIssue(
            of: Fixtures.record(["agreement": ["id": .string(id), "title": "T"]]), at: "agreement.id")
    }

    @Test func checksEveryMemberOfTheObject() {
        let issues = Fixtures.issues(
            of: Fixtures.record([
                "agreement": ["parties": ["US", "bad id", "US"], "extra": true]
            ]))
        #expect(
            issues.map(\.field) == [
                "agreement.id", "agreement.title", "agreement.parties[1]", "agreement.parties[2]", "agreement.extra",
            ])
        #expect(issues[1].message == "is required")
    }

    @Test func limitsTheAgreementTitle() {
        let issue = Fixtures.singleIssue(
            of: Fixtures.record(["agreement": ["id": "a", "title": .string(String(repeating: "t", count: 501))]]),
            at: "agreement.title")
        #expect(issue?.message == "must be at most 500 characters after trimming (got 501)")
    }

    @Test func rejectsOtherAgreementTypes() {
        let issue = Fixtures.singleIssue(of: Fixtures.record(["agreement": ["us-cn-sta"]]), at: "agreement")
        #expect(issue?.message == "must be an agreement id string or an object {id, title, parties?}, not an array")
    }

    @Test(arguments: [EventKind.signing, .entryIntoForce, .amendment, .extension, .renewal])
    func acceptsExpiresOnWhereAllowed(kind: EventKind) throws {
        let record = try Fixtures.valid(
            Fixtures.record([
                "kind": .string(kind.rawValue), "agreement": "us-cn-sta", "expires_on": "2024-02-27",
            ]))
        #expect(record.expiresOn?.description == "2024-02-27")
    }

    @Test(arguments: [EventKind.visit, .meeting, .statement, .other, .expiration, .termination])
    func rejectsExpiresOnElsewhere(kind: EventKind) {
        let issue = Fixtures.singleIssue(
            of: Fixtures.record(["kind": .string(kind.rawValue), "agreement": "us-cn-sta", "expires_on": "2024-02-27"]),
            at: "expires_on")
        #expect(
            issue?.message
                == "is not allowed on a '\(kind.rawValue)' event, only on signing, entry_into_force, amendment, extension, renewal"
        )
    }

    @Test(arguments: ["2024", "2024-02"])
    func requiresDayPrecisionForExpiresOn(text: String) {
        let issue = Fixtures.singleIssue(
            of: Fixtures.record(["kind": "signing", "agreement": "a", "expires_on": .string(text)]), at: "expires_on")
        #expect(issue?.message.hasPrefix("must be a full date YYYY-MM-DD") == true)
    }

    @Test func reportsABadExpiresOnDate() {
        let issue = Fixtures.singleIssue(
            of: Fixtures.record(["kind": "signing", "agreement": "a", "expires_on": "2024-02-30"]), at: "expires_on")
        #expect(issue?.message == "'2024-02-30' is not a date: February 2024 has 29 days")
    }

    @Test(arguments: [EventKind.extension, .renewal])
    func acceptsExtendsByOnExtensionsAndRenewals(kind: EventKind) throws {
        let record = try Fixtures.valid(
            Fixtures.record(["kind": .string(kind.rawValue), "agreement": "a", "extends_by": "P6M"]))
        #expect(record.extendsBy == ISODuration(months: 6))
    }

    @Test(arguments: [EventKind.signing, .amendment, .visit])
    func rejectsExtendsByElsewhere(kind: EventKind) {
        let issue = Fixtures.singleIssue(
            of: Fixtures.record(["kind": .string(kind.rawValue), "agreement": "a", "extends_by": "P6M"]),
            at: "extends_by")
        #expect(issue?.message == "is not allowed on a '\(kind.rawValue)' event, only on extension and renewal")
    }

    @Test func reportsABadDuration() {
        let issue = Fixtures.singleIssue(
            of: Fixtures.record(["kind": "renewal", "agreement": "a", "extends_by": "P1W"]), at: "extends_by")
        #expect(issue?.message == "'P1W' is not a duration: weeks are not supported; use days (P7D)")
    }

    @Test func rejectsExpiresOnTogetherWithExtendsBy() {
        let issue = Fixtures.singleIssue(
            of: Fixtures.record([
                "kind": "extension", "agreement": "a", "expires_on": "2024-02-27", "extends_by": "P6M",
            ]),
            at: "extends_by")
        #expect(issue?.message == "give either expires_on or extends_by, not both")
    }

    @Test func recordsALifecycleEventWithoutExpiry() throws {
        let record = try Fixtures.valid(Fixtures.record(["kind": "renewal", "agreement": "a"]))
        #expect(record.expiresOn == nil && record.extendsBy == nil)
    }
}
