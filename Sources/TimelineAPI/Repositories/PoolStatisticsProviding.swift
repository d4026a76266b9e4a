import Postgres

/// The connection pool's occupancy, read at every `/metrics` scrape.
public protocol PoolStatisticsProviding: Sendable {
    var statistics: PostgresPool.Statistics { get }
}

extension PostgresPool: PoolStatisticsProviding {}
