/// The settings of contract §6 the HTTP layer reads.
public struct APIConfiguration: Sendable, Hashable {
    /// `http.max_body_bytes`: larger request bodies get 413.
    public var maxBodyBytes: Int
    /// `ingest.max_records`: a request with more records gets 413.
    public var maxRecords: Int
    /// `api.token_hashes`: hex SHA-256 hashes of the accepted bearer tokens; empty means writes
    /// are accepted from loopback clients only.
    public var tokenHashes: [String]
    /// `alerts.thresholds` and `alerts.time_zone`.
    public var alerts: AlertSettings
    /// `http.cache_max_age_seconds`: the `max-age` of timeline JSON, TimelineJS and the pages.
    public var cacheMaxAgeSeconds: Int

    public init(
        maxBodyBytes: Int = 33_554_432, maxRecords: Int = 10_000, tokenHashes: [String] = [],
        alerts: AlertSettings = AlertSettings(), cacheMaxAgeSeconds: Int = 0
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxRecords = maxRecords
        self.tokenHashes = tokenHashes
        self.alerts = alerts
        self.cacheMaxAgeSeconds = cacheMaxAgeSeconds
    }
}
