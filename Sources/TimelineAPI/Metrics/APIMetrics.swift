import Prometheus
import TimelineStore

/// The series `/metrics` exposes, in a registry passed in rather than the global
/// `MetricsSystem`, so that many applications can live in one process (the tests).
final class APIMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let pool: any PoolOccupancyProviding
    private let ingested: [IngestResult.Status: Counter]
    private let poolInUse: Gauge
    private let poolIdle: Gauge
    private let poolWaiting: Gauge

    init(registry: PrometheusCollectorRegistry, pool: any PoolOccupancyProviding) {
        self.registry = registry
        self.pool = pool
        // Created up front, so every outcome and gauge is exposed from the first scrape on.
        ingested = Dictionary(uniqueKeysWithValues: [IngestResult.Status.created, .updated, .unchanged].map { status in
            (status, registry.makeCounter(descriptor: Series.ingestedRecords, labels: [("outcome", status.rawValue)]))
        })
        poolInUse = registry.makeGauge(descriptor: Series.poolConnections, labels: [("state", "in_use")])
        poolIdle = registry.makeGauge(descriptor: Series.poolConnections, labels: [("state", "idle")])
        poolWaiting = registry.makeGauge(descriptor: Series.poolWaiting)
    }

    func record(_ observation: RequestObservation) {
        let method = ("method", observation.method)
        let route = ("route", observation.route)
        registry.makeCounter(descriptor: Series.requests, labels: [method, route, ("status", String(observation.status.code))])
            .increment()
        registry.makeDurationHistogram(descriptor: Series.requestDuration, labels: [method, route], buckets: Series.durationBuckets)
            .record(observation.duration)
    }

    func recordIngested(_ results: [IngestResult]) {
        for result in results { ingested[result.status]?.increment() }
    }

    /// The Prometheus text exposition, with the pool gauges read now.
    func exposition() -> [UInt8] {
        let statistics = pool.occupancy
        poolInUse.set(Double(statistics.inUse))
        poolIdle.set(Double(statistics.idle))
        poolWaiting.set(Double(statistics.waiting))
        return registry.emitToBuffer()
    }

    private enum Series {
        static var requests: MetricNameDescriptor {
            MetricNameDescriptor(
                metricName: "http_requests", unitName: "total",
                helpText: "HTTP requests answered, by method, route template and status.")
        }

        static var requestDuration: MetricNameDescriptor {
            MetricNameDescriptor(
                metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time from receiving a request to its response, by method and route template.")
        }

        static var durationBuckets: [Duration] {
            [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
             .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10)]
        }

        static var ingestedRecords: MetricNameDescriptor {
            MetricNameDescriptor(
                namespace: "timelined", metricName: "ingested_records", unitName: "total",
                helpText: "Records accepted by ingest, by what happened to them.")
        }

        // Counts of things have no unit suffix.
        static var poolConnections: MetricNameDescriptor {
            MetricNameDescriptor(
                namespace: "timelined", metricName: "db_pool_connections", unitName: "",
                helpText: "Connections of the PostgreSQL pool, by state.")
        }

        static var poolWaiting: MetricNameDescriptor {
            MetricNameDescriptor(
                namespace: "timelined", metricName: "db_pool_waiting", unitName: "",
                helpText: "Callers waiting for a PostgreSQL pool connection.")
        }
    }
}
