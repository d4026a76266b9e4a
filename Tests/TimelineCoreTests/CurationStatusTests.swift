import Testing
import TimelineCore

/// Contract §9: a record's `status`, and the record a confirmation stores.
@Suite struct CurationStatusTests {
    @Test func aRecordIsConfirmedUnlessItSaysCandidate() throws {
        #expect(try Fixtures.valid(Fixtures.record()).status == .confirmed)
        #expect(try Fixtures.valid(Fixtures.record(["status": "confirmed"])).status == .confirmed)
        #expect(try Fixtures.valid(Fixtures.record(["status": "candidate"])).status == .candidate)
    }

    @Test func theCanonicalFormCarriesOnlyACandidatesStatus() throws {
        let plain = try Fixtures.valid(Fixtures.record())
        #expect(try Fixtures.valid(Fixtures.record(["status": "confirmed"])).jsonValue.canonicalText == plain.jsonValue.canonicalText)
        let candidate = try Fixtures.valid(Fixtures.record(["status": "candidate"]))
        #expect(candidate.jsonValue["status"] == "candidate")
        #expect(try Fixtures.valid(candidate.jsonValue) == candidate)
    }

    @Test(arguments: [
        (JSONValue.string("pending"), "unknown status 'pending'; expected one of confirmed, candidate"),
        (.bool(true), "must be a string, not a boolean"),
    ])
    func rejectsAnyOtherStatus(value: JSONValue, message: String) {
        #expect(Fixtures.singleIssue(of: Fixtures.record(["status": value]), at: "status")?.message == message)
    }

    @Test func aConfirmationAppliesTheChangesAndDropsTheCandidateStatus() throws {
        let current = Fixtures.record(["status": "candidate", "kind": "other", "summary": "Reported by GDELT."])
        let changes: JSONValue = ["kind": "signing", "agreement": "us-cn-sta", "summary": nil, "status": "confirmed"]
        let record = try CandidateConfirmation.record(current: current, changes: changes).get()
        #expect(record.status == .confirmed && record.kind == .signing && record.agreement == .id("us-cn-sta"))
        #expect(record.summary == nil && record.title == "Raimondo visits Beijing")
        #expect(try CandidateConfirmation.record(current: current, changes: nil).get().kind == .other)
    }

    @Test(arguments: [
        (JSONValue.object(["kind": "signing"]), "agreement"),
        (JSONValue.object(["date": "2023-13"]), "date"),
        (JSONValue.object(["status": "candidate"]), "status"),
        (JSONValue.object(["key": "another-key"]), "key"),
        (JSONValue.object(["title": .null]), "title"),
        (JSONValue.string("signing"), ""),
    ] as [(JSONValue, String)])
    func anInvalidConfirmationNamesTheField(changes: JSONValue, field: String) {
        let current = Fixtures.record(["status": "candidate", "key": "gdelt-1"])
        guard case .failure(let errors) = CandidateConfirmation.record(current: current, changes: changes) else {
            Issue.record("\(changes) was accepted"); return
        }
        #expect(errors.issues.map(\.field) == [field])
    }

    @Test func anImporterAddsOnlySourcesNotListedYet() throws {
        let record = try Fixtures.valid(Fixtures.record(["sources": [["url": "https://a.example/1"]]]))
        let more = [EventSource(url: "https://a.example/2", title: nil, published: nil), record.sources[0]]
        let merged = record.addingSources(more)
        #expect(merged.sources.compactMap(\.url) == ["https://a.example/1", "https://a.example/2"])
        #expect(merged.addingSources(more) == merged)
        let full = record.addingSources((0..<60).map { EventSource(url: "https://a.example/n\($0)", title: nil, published: nil) })
        #expect(full.sources.count == EventRecordValidator.maximumSources)
    }
}
