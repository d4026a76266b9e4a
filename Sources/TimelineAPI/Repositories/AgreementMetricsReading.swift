import TimelineCore
import TimelineStore

/// The agreement series of `/metrics` (`AgreementMetricsStore`), read at every scrape.
public protocol AgreementMetricsReading: Sendable {
    /// When each agreement with a known expiry that is not terminated becomes expired, in Unix seconds.
    func expiryTimestamps(timeZone: String) async throws -> [(agreement: String, seconds: Int)]
    /// Agreements by status on `date`.
    func statusCounts(on date: CalendarDate, defaultThresholds: [Int]) async throws -> [AgreementStatus: Int]
}

extension AgreementMetricsStore: AgreementMetricsReading {}
