import Testing
import TimelineCore

/// Contract §2 rules for `actors`.
@Suite struct ActorValidationTests {
    @Test func acceptsStringsAndObjects() throws {
        let record = try Fixtures.valid(
            Fixtures.record([
                "actors": [
                    ["id": "US", "role": "guest"], "gina-raimondo", ["id": "CN", "name": "China", "role": "host"],
                ]
            ]))
        #expect(
            record.actors == [
                ActorReference(id: "US", role: "guest"), .bare("gina-raimondo"),
                ActorReference(id: "CN", role: "host", name: "China"),
            ])
        #expect(record.actors[1].isBareID && !record.actors[0].isBareID)
        #expect(record.actorIDs == ["US", "gina-raimondo", "CN"])
    }

    @Test func rejectsBadIDsWithTheirPath() {
        let issues = Fixtures.issues(
            of: Fixtures.record([
                "actors": ["US", "-bad", ["id": "no spaces"], ["id": .string(String(repeating: "a", count: 65))]]
            ]))
        #expect(issues.map(\.field) == ["actors[1]", "actors[2].id", "actors[3].id"])
        #expect(issues.first?.message.hasPrefix("'-bad' is not a valid actor id: use 1–64 letters") == true)
    }

    @Test func rejectsKeysAllowedOnlyInEventKeys() {
        _ = Fixtures.singleIssue(of: Fixtures.record(["actors": ["us:cn"]]), at: "actors[0]")
    }

    @Test func requiresAnIDInTheObjectForm() {
        let issue = Fixtures.singleIssue(of: Fixtures.record(["actors": [["role": "host"]]]), at: "actors[0].id")
        #expect(issue?.message == "is required")
    }

    @Test func rejectsUnknownActorMembers() {
        let issue = Fixtures.singleIssue(
            of: Fixtures.record(["actors": ["US", ["id": "CN", "rol": "host"]]]), at: "actors[1].rol")
        #expect(issue?.message == "unknown field 'rol' (did you mean 'role'?)")
    }

    @Test func rejectsOtherTypesOfEntries() {
        let issue = Fixtures.singleIssue(of: Fixtures.record(["actors": [42]]), at: "actors[0]")
        #expect(issue?.message == "must be an actor id string or an object {id, role?, name?}, not a number")
    }

    @Test func checksRoleAndName() {
        let issues = Fixtures.issues(
            of: Fixtures.record([
                "actors": [["id": "US", "role": 1, "name": .string(String(repeating: "n", count: 201))]]
            ]))
        #expect(issues.map(\.field) == ["actors[0].role", "actors[0].name"])
    }

    @Test func rejectsDuplicateActorIDs() {
        let issues = Fixtures.issues(
            of: Fixtures.record(["actors": ["US", "CN", ["id": "US", "role": "host"], "CN"]]))
        #expect(issues.map(\.field) == ["actors[2].id", "actors[3]"])
        #expect(issues.first?.message == "actor 'US' is listed twice (first at actors[0])")
    }

    @Test func treatsActorIDsAsCaseSensitive() throws {
        #expect(try Fixtures.valid(Fixtures.record(["actors": ["US", "us"]])).actors.count == 2)
    }
}
