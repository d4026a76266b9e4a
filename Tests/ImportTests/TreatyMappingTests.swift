import Testing
import TimelineCore
import TimelineImport

/// Contract §11's mapping as a pure function: rows in, lifecycle records and summary figures out.
@Suite("Wikidata treaty mapping")
struct TreatyMappingTests {
    @Test(arguments: [(9, "1979"), (10, "1979-01"), (11, "1979-01-31"), (14, "1979-01-31")])
    func eachDateKeepsWikidatasPrecision(precision: Int, expected: String) throws {
        let treaties = try importing([ResultRow(start: Time("1979-01-31", precision))])
        #expect(treaties.record("entry_into_force")?["date"] == .string(expected))
    }

    @Test func aYearPrecisionDateIgnoresTheMonthAndDayWikidataFillsIn() throws {
        let treaties = try importing([ResultRow(start: Time("1979-00-00", 9))])
        #expect(treaties.record("entry_into_force")?["date"] == "1979")
    }

    @Test func theSigningIsTheEarliestSignature() throws {
        let treaties = try importing([
            ResultRow(signatory: "Q29", code: "ES", signed: Time("1748-10-20")),
            ResultRow(signatory: "Q145", code: "GB", signed: Time("1748-10-18")),
            ResultRow(signatory: "Q40", code: "AT", signed: Time("1748-10-23")),
        ])
        #expect(treaties.record("signing")?["date"] == "1748-10-18")
        // A coarser date starting the same day comes first (contract §1 ordering).
        let coarser = try importing([ResultRow(signed: Time("1748-10-18")), ResultRow(signatory: "Q142", code: "FR", signed: Time("1748-01-01", 9))])
        #expect(coarser.record("signing")?["date"] == "1748")
    }

    @Test func theItemsOwnDateStandsInForSignaturesWithoutOne() throws {
        let treaties = try importing([ResultRow(dated: Time("1904-04-08")), ResultRow(signatory: "Q142", code: "FR", dated: Time("1904-04-08"))])
        #expect(treaties.kinds == ["signing"])
        #expect(treaties.record("signing")?["date"] == "1904-04-08")
        let signed = try importing([ResultRow(signed: Time("1904-04-09"), dated: Time("1904-04-08"))])
        #expect(signed.record("signing")?["date"] == "1904-04-09")
    }

    @Test func missingDatesGiveOnlyTheEventsThereAreDatesFor() throws {
        #expect(try importing([ResultRow(start: Time("1920-01-10"))]).kinds == ["entry_into_force"])
        #expect(try importing([ResultRow(signed: Time("1919-06-28"))]).kinds == ["signing"])
        #expect(try importing([ResultRow(end: Time("1941-06-22"))]).kinds == ["expiration"])
        let undated = try importing([ResultRow(), ResultRow(treaty: "Q101", signed: Time("1919-06-28"))])
        #expect(undated.records.count == 1)
        #expect(undated.summary.count(skippedFor: "no_dates") == 1)
        #expect(undated.summary.rowsTaken == 1)
    }

    @Test func duplicateRowsOfOneTreatyMakeOneAgreementWithEachPartyOnce() throws {
        // One row per signatory × start value × ratification: the query's cross product.
        let treaties = try importing([
            ResultRow(signed: Time("2010-04-08"), start: Time("2011-02-05")),
            ResultRow(signed: Time("2010-04-08"), start: Time("2011-02-06")),
            ResultRow(signed: Time("2010-04-08"), start: Time("2011-02-05")),
            ResultRow(signatory: "Q159", code: "RU", signed: Time("2010-04-08"), start: Time("2011-02-05")),
        ])
        #expect(treaties.kinds == ["signing", "entry_into_force"])
        #expect(treaties.record("entry_into_force")?["date"] == "2011-02-05")
        for record in treaties.records {
            #expect(record["agreement"] == ["id": "wd-q100", "title": "Test Treaty", "parties": ["US", "RU"]])
            #expect(record["actors"] == ["US", "RU"])
        }
        #expect(treaties.summary.rowsRead == 4)
        #expect(treaties.summary.rowsTaken == 4)
    }

    @Test func signatoriesWithoutATwoLetterCodeAreSkippedAndCountedOncePerTreaty() throws {
        let treaties = try importing([
            ResultRow(signatory: "Q7318", code: nil, signed: Time("1939-08-23")),
            ResultRow(signatory: "Q7318", code: nil, signed: Time("1939-08-23")),
            ResultRow(signatory: "Q15180", code: "SU", signed: Time("1939-08-23")),
            ResultRow(signatory: "Q1", code: "usa", signed: Time("1939-08-23")),
            ResultRow(signatory: "Q2", code: "DEU", signed: Time("1939-08-23")),
            ResultRow(treaty: "Q101", signatory: "Q7318", code: nil, signed: Time("1940-09-27")),
        ])
        #expect(treaties.summary.count(skippedFor: "no_iso_code") == 4)
        #expect(treaties.records.first?["agreement"]?["parties"] == ["SU"])
        #expect(treaties.records.last?["agreement"]?["parties"] == [])
    }

    @Test func anEndInThePastIsAnExpiration() throws {
        let treaties = try importing([ResultRow(start: Time("1939-08-24"), end: Time("1941-06-22"))], today: "2026-06-01")
        #expect(treaties.kinds == ["entry_into_force", "expiration"])
        #expect(treaties.record("expiration")?["date"] == "1941-06-22")
        #expect(treaties.record("entry_into_force")?["expires_on"] == nil)
    }

    @Test func anEndAheadIsTheExpiryOfTheEntryIntoForce() throws {
        let treaties = try importing(
            [ResultRow(signed: Time("2010-04-08"), start: Time("2011-02-05"), end: Time("2026-02-05"))], today: "2025-12-01")
        #expect(treaties.kinds == ["signing", "entry_into_force"])
        #expect(treaties.record("entry_into_force")?["expires_on"] == "2026-02-05")
        #expect(treaties.record("signing")?["expires_on"] == nil)
        // On the day itself the end has not passed yet.
        let onTheDay = try importing([ResultRow(start: Time("2011-02-05"), end: Time("2026-02-05"))], today: "2026-02-05")
        #expect(onTheDay.kinds == ["entry_into_force"])
        let dayAfter = try importing([ResultRow(start: Time("2011-02-05"), end: Time("2026-02-05"))], today: "2026-02-06")
        #expect(dayAfter.kinds == ["entry_into_force", "expiration"])
    }

    @Test func anEndAheadWithoutEntryIntoForceIsTheExpiryOfTheSigning() throws {
        let treaties = try importing([ResultRow(signed: Time("2023-09-20"), end: Time("2043-09-20"))])
        #expect(treaties.record("signing")?["expires_on"] == "2043-09-20")
        #expect(try importing([ResultRow(end: Time("2043-09-20"))]).summary.count(skippedFor: "no_dates") == 1)
    }

    @Test(arguments: [(9, "2031-01-01"), (10, "2031-05-01")])
    func aCoarseEndAheadExpiresOnItsFirstDay(precision: Int, expected: String) throws {
        let treaties = try importing([ResultRow(start: Time("2011-02-05"), end: Time("2031-05-17", precision))])
        #expect(treaties.record("entry_into_force")?["expires_on"] == .string(expected))
    }

    @Test func aCoarseEndWhoseFirstDayHasPassedIsAnExpirationAtItsPrecision() throws {
        let treaties = try importing([ResultRow(start: Time("2011-02-05"), end: Time("2026-01-01", 9))], today: "2026-06-01")
        #expect(treaties.record("expiration")?["date"] == "2026")
    }

    @Test func recordsAreKeyedByItemAndPropertyAndValid() throws {
        let treaties = try importing([
            ResultRow(treaty: "Q1052166", signed: Time("2010-04-08"), start: Time("2011-02-05"), end: Time("2021-02-05")),
        ])
        #expect(treaties.records.map { $0["key"] } == ["wikidata:Q1052166:P1891", "wikidata:Q1052166:P580", "wikidata:Q1052166:P582"])
        #expect(treaties.records.allSatisfy { $0["agreement"]?["id"] == "wd-q1052166" })
        #expect(treaties.records.allSatisfy { $0["sources"] == [["url": "https://www.wikidata.org/wiki/Q1052166", "title": "Wikidata Q1052166"]] })
        try expectValid(treaties.records)
    }

    @Test func aTreatyWithoutALabelIsTitledByItsItem() throws {
        let treaties = try importing([ResultRow(label: nil, signed: Time("2010-04-08")), ResultRow(label: "  ", signed: Time("2010-04-08"))])
        #expect(treaties.record("signing")?["agreement"]?["title"] == "Q100")
    }

    @Test func datesTheContractCannotHoldAreCountedNotStored() throws {
        let treaties = try importing([
            ResultRow(signed: Time("1900-01-01", 7), start: Time("1910-01-01")),  // a century
            ResultRow(signatory: "Q142", code: "FR", signed: Time("-0500-01-01", 9)),
            ResultRow(treaty: "Q101", start: Time("12026-01-01", 9)),
        ])
        #expect(treaties.kinds == ["entry_into_force"])
        #expect(treaties.summary.count(skippedFor: "unusable_date") == 3)
        #expect(treaties.summary.count(skippedFor: "no_dates") == 1)
    }

    @Test func theSummaryCountsRowsAndLeavesEventsToTheStore() throws {
        let treaties = try importing([ResultRow(signed: Time("2010-04-08")), ResultRow(treaty: "Q101")])
        #expect(treaties.summary.files == 1)
        #expect(treaties.summary.rowsRead == 2)
        #expect(treaties.summary.rowsTaken == 1)
        #expect(treaties.summary.rowsMalformed == 0)
        #expect(treaties.summary.eventsCreated == 0)
        #expect(treaties.summary.skipped.map(\.reason) == ["no_iso_code", "unusable_date", "no_dates"])
    }
}

/// The records pass the validation every ingest path applies.
func expectValid(_ records: [JSONValue], sourceLocation: SourceLocation = #_sourceLocation) throws {
    var validator = RecordBatchValidator()
    for record in records { validator.add(record) }
    if case .failure(let errors) = validator.finish() {
        Issue.record("invalid records: \(errors)", sourceLocation: sourceLocation)
    }
}
