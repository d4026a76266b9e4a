import Postgres

/// How busy the database connections are, read at every `/metrics` scrape.
public struct PoolOccupancy: Sendable, Hashable {
    public let inUse: Int
    public let idle: Int
    public let waiting: Int
}

/// Tells the connection pool's occupancy without its callers knowing the pool.
public protocol PoolOccupancyProviding: Sendable {
    var occupancy: PoolOccupancy { get }
}

extension PostgresPool: PoolOccupancyProviding {
    public var occupancy: PoolOccupancy {
        let statistics = statistics
        return PoolOccupancy(inUse: statistics.inUse, idle: statistics.idle, waiting: statistics.waiting)
    }
}
