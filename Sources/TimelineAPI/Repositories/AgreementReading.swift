import TimelineCore
import TimelineStore

/// The reads of `/v1/agreements`, `/v1/alerts` and `/v1/calendar.ics` (`AgreementStore`): lifecycles
/// are folded in memory, so these answer values the API encodes, not PostgreSQL-built bodies.
public protocol AgreementReading: Sendable {
    /// One agreement's lifecycle view on `date`; nil when there is no such agreement.
    func agreement(id: String, on date: CalendarDate, defaultThresholds: [Int]) async throws -> AgreementLifecycleView?
    /// Every agreement with a status in `statuses` (empty: any) and `party` among its parties (nil: any).
    func agreements(
        on date: CalendarDate, statuses: Set<AgreementStatus>, party: String?, defaultThresholds: [Int]
    ) async throws -> AgreementList
    /// Expiries within `days` after `date` (nil: each agreement's largest threshold), and lapsed ones.
    func alerts(on date: CalendarDate, within days: Int?, defaultThresholds: [Int]) async throws -> AlertList
    /// The inputs of every agreement (`ids` nil) or of those named, for the calendar feed.
    func inputs(ids: [String]?) async throws -> [AgreementInput]
}

extension AgreementStore: AgreementReading {}
