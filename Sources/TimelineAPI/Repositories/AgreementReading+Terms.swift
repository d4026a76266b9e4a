import TimelineCore
import TimelinePages

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
        var terms: [AgreementTerm] = []
        for id in ids {
            if let view = try await agreement(id: id, on: day, defaultThresholds: defaultThresholds) {
                terms.append(AgreementTerm(view))
            }
        }
        return terms
    }
}
