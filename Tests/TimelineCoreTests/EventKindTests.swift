import Testing
import TimelineCore

@Suite struct EventKindTests {
    @Test func usesTheContractNames() {
        #expect(
            EventKind.allCases.map(\.rawValue) == [
                "visit", "meeting", "statement", "other", "signing", "entry_into_force",
                "amendment", "extension", "renewal", "expiration", "termination",
            ])
    }

    @Test func separatesPlainFromLifecycleKinds() {
        #expect(EventKind.allCases.filter { !$0.isLifecycle } == [.visit, .meeting, .statement, .other])
    }

    @Test func knowsWhichKindsSetAnExpiry() {
        #expect(
            EventKind.allCases.filter(\.allowsExpiresOn) == [
                .signing, .entryIntoForce, .amendment, .extension, .renewal,
            ])
        #expect(EventKind.allCases.filter(\.allowsExtendsBy) == [.extension, .renewal])
    }

    @Test func ordersOneDaysLifecycleEventsAsTheContractSays() {
        let sameDay = EventKind.allCases.filter(\.isLifecycle).sorted { $0.lifecycleOrder! < $1.lifecycleOrder! }
        #expect(sameDay == [.signing, .entryIntoForce, .expiration, .amendment, .extension, .renewal, .termination])
        #expect(EventKind.visit.lifecycleOrder == nil)
    }
}
