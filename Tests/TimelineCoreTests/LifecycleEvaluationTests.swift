import Testing
import TimelineCore

/// The fold of contract §4 beyond the seed story: ordering, arithmetic, retraction, termination, status.
@Suite struct LifecycleEvaluationTests {
    typealias F = LifecycleFixture

    private func evaluate(_ events: [LifecycleEvent], on date: String, largest: Int = 180) -> Lifecycle {
        Lifecycle.evaluate(events, on: F.day(date), largestThreshold: largest)
    }

    @Test func sameDayKindsApplyInTheContractOrder() {
        let kinds: [EventKind] = [.termination, .renewal, .extension, .amendment, .expiration, .entryIntoForce, .signing]
        let events = kinds.enumerated().map { F.event(String($0.offset), $0.element, "2020-05-05") }
        let lifecycle = evaluate(events, on: "2020-05-05")
        #expect(lifecycle.history.map(\.kind) == [.signing, .entryIntoForce, .expiration, .amendment, .extension, .renewal, .termination])
    }

    @Test func coarserPrecisionThenNumericIDBreakTies() {
        let events = [
            F.event("10", .amendment, "2020-05-01", expiresOn: "2021-01-10"),
            F.event("9", .amendment, "2020-05-01", expiresOn: "2021-01-09"),
            F.event("2", .amendment, "2020-05", expiresOn: "2021-01-02"),
            F.event("1", .amendment, "2020", expiresOn: "2021-01-01"),
        ]
        let lifecycle = evaluate(events, on: "2020-05-01")
        // "2020" starts on 2020-01-01, so it comes first by date; the month beats the days.
        #expect(lifecycle.history.map(\.eventID) == ["1", "2", "9", "10"])
        #expect(lifecycle.expiresOn == F.day("2021-01-10"))
    }

    @Test func extendsByClampsToTheMonthEnd() {
        let base = F.event("1", .signing, "2023-01-01", expiresOn: "2024-01-31")
        let cases: [(String, String)] = [("P1M", "2024-02-29"), ("P1M1D", "2024-03-01"), ("P1Y1M", "2025-02-28"), ("P30D", "2024-03-01")]
        for (duration, expected) in cases {
            let lifecycle = evaluate([base, F.event("2", .extension, "2023-06-01", extendsBy: duration)], on: "2023-06-01")
            #expect(lifecycle.expiresOn == F.day(expected), "\(duration)")
        }
        // Clamping is not carried over: the second month is added to the 29th.
        let twice = [base, F.event("2", .extension, "2023-06-01", extendsBy: "P1M"), F.event("3", .renewal, "2023-07-01", extendsBy: "P1M")]
        #expect(evaluate(twice, on: "2023-07-01").expiresOn == F.day("2024-03-29"))
    }

    @Test func terminationFixesTheStatusWhileLaterEventsStillShow() {
        let events = [
            F.event("1", .signing, "2020-01-01", expiresOn: "2025-01-01"),
            F.event("2", .termination, "2022-03-01"),
            F.event("3", .amendment, "2022-06-01", expiresOn: "2022-07-01"),
        ]
        let terminated = evaluate(events, on: "2022-03-01")
        #expect(terminated.status == .terminated)
        #expect(terminated.isTerminated)
        #expect(terminated.expiresOn == F.day("2025-01-01"))
        #expect(evaluate(events, on: "2022-02-28").status == .active)

        let later = evaluate(events, on: "2023-01-01")
        #expect(later.status == .terminated)
        #expect(later.expiresOn == F.day("2022-07-01"))
        #expect(later.daysRemaining == -184)
        #expect(later.history.map(\.eventID) == ["1", "2", "3"])
    }

    @Test func retractedEventsAreIgnored() {
        let events = [
            F.event("1", .signing, "2020-01-01", expiresOn: "2025-01-01", retracted: true),
            F.event("2", .signing, "2020-02-01", expiresOn: "2024-01-01"),
            F.event("3", .extension, "2021-01-01", extendsBy: "P1Y", retracted: true),
            F.event("4", .termination, "2021-06-01", retracted: true),
        ]
        let lifecycle = evaluate(events, on: "2022-01-01")
        #expect(lifecycle.signedOn == F.partial("2020-02-01"))
        #expect(lifecycle.expiresOn == F.day("2024-01-01"))
        #expect(!lifecycle.isTerminated)
        #expect(lifecycle.history.map(\.eventID) == ["2"])
    }

    @Test func partialDatesCountFromTheirStart() {
        let events = [
            F.event("1", .entryIntoForce, "1980-03"),
            F.event("2", .amendment, "2023-09", expiresOn: "2030-01-01"),
        ]
        #expect(evaluate(events, on: "1980-02-29").inForceFrom == nil)
        #expect(evaluate(events, on: "1980-03-01").inForceFrom == F.partial("1980-03"))
        #expect(evaluate(events, on: "2023-08-31").expiresOn == nil)
        #expect(evaluate(events, on: "2023-09-01").expiresOn == F.day("2030-01-01"))
    }

    @Test func anExpirationOnAMonthSetsItsFirstDay() {
        let lifecycle = evaluate([F.event("1", .expiration, "2023-08")], on: "2023-08-15")
        #expect(lifecycle.expiresOn == F.day("2023-08-01"))
        #expect(lifecycle.status == .expired)
        #expect(lifecycle.expirySetBy == .expiration)
    }

    @Test func extendsByWithoutAnExpiryLeavesItUnknown() {
        let events = [
            F.event("1", .extension, "2020-01-01", extendsBy: "P6M"),
            F.event("2", .amendment, "2020-02-01", expiresOn: "2021-01-01"),
        ]
        let early = evaluate(events, on: "2020-01-15")
        #expect(early.expiresOn == nil)
        #expect(early.expirySetBy == nil)
        #expect(early.history == [LifecycleEntry(eventID: "1", kind: .extension, date: F.partial("2020-01-01"), expiresOn: nil)])
        #expect(evaluate(events, on: "2020-02-01").expiresOn == F.day("2021-01-01"))
    }

    @Test func fieldsTheKindMayNotCarryAreIgnored() {
        let events = [
            F.event("1", .signing, "2020-01-01", expiresOn: "2025-01-01", extendsBy: "P1Y"),
            F.event("2", .termination, "2020-06-01", expiresOn: "2021-01-01"),
            F.event("3", .visit, "2020-03-01", expiresOn: "2022-01-01"),
        ]
        let lifecycle = evaluate(events, on: "2020-07-01")
        #expect(lifecycle.expiresOn == F.day("2025-01-01"))
        #expect(lifecycle.expirySetBy == .signing)
        #expect(lifecycle.history.map(\.eventID) == ["1", "2"])
    }

    @Test func theFirstSigningAndEntryIntoForceAreKept() {
        let events = [
            F.event("1", .signing, "1979"),
            F.event("2", .signing, "1984-05-01"),
            F.event("3", .entryIntoForce, "1979-06"),
            F.event("4", .entryIntoForce, "1985"),
        ]
        let lifecycle = evaluate(events, on: "2000-01-01")
        #expect(lifecycle.signedOn == F.partial("1979"))
        #expect(lifecycle.inForceFrom == F.partial("1979-06"))
    }

    @Test func statusBoundaries() {
        let events = [F.event("1", .signing, "2020-01-01", expiresOn: "2024-06-30")]
        let cases: [(String, AgreementStatus, Int)] = [
            ("2024-05-30", .active, 31),
            ("2024-05-31", .expiring, 30),
            ("2024-06-30", .expiring, 0),
            ("2024-07-01", .expired, -1),
        ]
        for (date, status, days) in cases {
            let lifecycle = evaluate(events, on: date, largest: 30)
            #expect(lifecycle.status == status, "\(date)")
            #expect(lifecycle.daysRemaining == days, "\(date)")
        }
        #expect(evaluate([F.event("1", .signing, "2020-01-01")], on: "2024-06-30").status == .active)
    }
}
