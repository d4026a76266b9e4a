import Prometheus
import TimelineAlerts

/// The delivery series of contract v1.1 §12, in the registry `/metrics` shows:
/// `timelined_alert_deliveries_total{channel,outcome}` (`delivered`, `retried`, `failed`) and
/// `timelined_alert_delivery_backlog{channel}` (pending rows).
final class DeliveryMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    func record(_ reports: [DeliveryPass.Report]) {
        for report in reports {
            let outcome = switch (report.outcome, report.status) {
            case (_, nil): "superseded"
            case (.delivered, _): "delivered"
            case (_, .failed?): "failed"
            default: "retried"
            }
            registry.makeCounter(descriptor: Series.deliveries, labels: [("channel", report.delivery.channel), ("outcome", outcome)])
                .increment()
        }
    }

    /// Pending rows of each channel, as just counted.
    func setBacklog(_ backlog: [String: Int]) {
        for (channel, pending) in backlog {
            registry.makeGauge(descriptor: Series.backlog, labels: [("channel", channel)]).set(Double(pending))
        }
    }

    private enum Series {
        static var deliveries: MetricNameDescriptor {
            MetricNameDescriptor(
                namespace: "timelined", metricName: "alert_deliveries", unitName: "total",
                helpText: "Attempts at outbox deliveries by this daemon, by channel and outcome.")
        }

        // Counts of things have no unit suffix.
        static var backlog: MetricNameDescriptor {
            MetricNameDescriptor(
                namespace: "timelined", metricName: "alert_delivery_backlog", unitName: "",
                helpText: "Outbox deliveries pending (not yet delivered or failed), by channel.")
        }
    }
}
