import TimelineCore
import TimelinePages
import TimelineStore

extension AgreementReading {
    /// The most terms a timeline draws: the bars of more agreements would crowd out the events.
    static var termLimit: Int { 8 }

    /// The terms of the agreement the query names and of those the events belong to, in that
    /// order, each once, at most `termLimit`; ids without an agreement are skipped.
    func terms(for query: TimelineQuery, events: [PageEvent], on day: CalendarDate, defaultThresholds: [Int]) async throws
        -> [AgreementTerm]
    {
        var ids: [String] = []
        for id in [query.agreement].compactMap({ $0 }) + events.compactMap(\.agreement) where !ids.contains(id) {
            ids.append(id)
            if ids.count == Self.termLimit { break }
        }
        guard !ids.isEmpty else { return [] }
        // One read for all of them, put back in the order named.
        let inputs = Dictionary(try await inputs(ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { id in
            inputs[id].map { AgreementTerm(AgreementLifecycleView($0, on: day, defaultThresholds: defaultThresholds)) }
        }
    }
}
