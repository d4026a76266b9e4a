import Testing
import TimelineCore
import TimelineImport

@Suite struct GdeltMappingTests {
    private func decision(_ row: GdeltRow, _ settings: GdeltImportSettings = GdeltImportSettings()) -> String {
        switch GdeltTakenRow.take(row, settings) {
        case .taken(let taken): "taken \(taken.actor1.alpha2) \(taken.actor2.alpha2)"
        case .skipped(let reason): reason.rawValue
        }
    }

    @Test(arguments: [
        ("040", "meeting", "meeting", nil), ("041", "phone", "meeting", "phone"), ("042", "visit", "visit", nil),
        ("043", "visit", "visit", nil), ("044", "meeting", "meeting", nil), ("045", "meeting", "meeting", nil),
        ("046", "meeting", "meeting", nil), ("057", "signing", "other", "signing"),
    ] as [(String, String, String, String?)])
    func theCameoTable(code: String, type: String, kind: String, tag: String?) throws {
        let cameo = try #require(CameoEventCode(rawValue: code))
        #expect(cameo.eventType.rawValue == type)
        #expect(cameo.eventType.kind.rawValue == kind)
        #expect(cameo.eventType.tag == tag)
        #expect(cameo.tag == "cameo:\(code)")
    }

    @Test func onlyTheEightCodesAreTaken() throws {
        #expect(CameoEventCode.allCases.map(\.rawValue).sorted() == ["040", "041", "042", "043", "044", "045", "046", "057"])
        for code in ["036", "047", "04", "0420", "42", "050", "0571", ""] {
            let (_, summary) = GdeltFixtures.importBytes(GdeltFixtures.file([try GdeltFixtures.line(["EventCode": code])]))
            #expect(summary.count(skippedFor: "code") == 1, "EventCode \(code)")
        }
    }

    @Test func cameoCountryCodesMapToISO() throws {
        #expect(decision(try GdeltFixtures.row(actor1: "USA", actor2: "CHN")) == "taken US CN")
        // The three CAMEO codes that are not ISO alpha-3.
        #expect(decision(try GdeltFixtures.row(actor1: "ROM", actor2: "ZAR")) == "taken RO CD")
        #expect(decision(try GdeltFixtures.row(actor1: "TMP", actor2: "IDN")) == "taken TL ID")
        // Their ISO spellings are countries too.
        #expect(decision(try GdeltFixtures.row(actor1: "ROU", actor2: "COD")) == "taken RO CD")
    }

    @Test(arguments: ["AFR", "EUR", "WST", "KOS", "", "usa", "US", "XXX", "USAA"])
    func regionalUnsetAndUnknownCodesDoNotMap(code: String) throws {
        #expect(decision(try GdeltFixtures.row(actor1: code, actor2: "CHN")) == "actors")
        #expect(decision(try GdeltFixtures.row(actor1: "CHN", actor2: code)) == "actors")
    }

    @Test func bothActorsTheSameCountryIsSkipped() throws {
        #expect(decision(try GdeltFixtures.row(actor1: "USA", actor2: "USA")) == "actors")
        #expect(decision(try GdeltFixtures.row(actor1: "ROM", actor2: "ROU")) == "actors")
    }

    @Test func theISOTableIsComplete() {
        #expect(ISOCountry.all.count == 249)
        #expect(Set(ISOCountry.all.map(\.alpha2)).count == 249)
        #expect(Set(ISOCountry.all.map(\.alpha3)).count == 249)
        #expect(ISOCountry.withAlpha3("USA")?.name == "United States")
        #expect(ISOCountry.withAlpha2("CN")?.alpha3 == "CHN")
        #expect(ISOCountry.all.allSatisfy { !$0.name.isEmpty && !$0.name.contains(",") })
    }

    @Test func minimumSources() throws {
        let settings = GdeltImportSettings(minimumSources: 3)
        #expect(decision(try GdeltFixtures.row(sources: 2), settings) == "sources")
        #expect(decision(try GdeltFixtures.row(sources: 3), settings) == "taken US CN")
        #expect(decision(try GdeltFixtures.row(sources: 0)) == "sources")
    }

    @Test func rootOnly() throws {
        let settings = GdeltImportSettings(rootEventsOnly: true)
        #expect(decision(try GdeltFixtures.row(isRoot: false), settings) == "root")
        #expect(decision(try GdeltFixtures.row(isRoot: true), settings) == "taken US CN")
        #expect(decision(try GdeltFixtures.row(isRoot: false)) == "taken US CN")
    }

    @Test func aRowIsCountedUnderTheFirstRuleItFails() throws {
        let settings = GdeltImportSettings(minimumSources: 2, rootEventsOnly: true)
        #expect(decision(try GdeltFixtures.row(actor1: "EUR", isRoot: false, sources: 1), settings) == "actors")
        #expect(decision(try GdeltFixtures.row(isRoot: false, sources: 1), settings) == "sources")
    }

    @Test func alpha3IDs() throws {
        let records = GdeltFixtures.group([try GdeltFixtures.row(actor1: "ROM", actor2: "CHN")], style: .alpha3)
        let actors = try #require(records.first?["actors"]?.arrayValue)
        #expect(actors == [["id": "ROU", "role": "guest"], ["id": "CHN", "role": "host"]])
        // The key stays the same whichever ids the actors get.
        #expect(records.first?["key"] == "gdelt:visit:RO-CN:2019-10-24")
    }
}
