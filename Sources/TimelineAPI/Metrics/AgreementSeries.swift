import TimelineCore

/// The agreement series of `/metrics` (contract §12) in the Prometheus text format, written here
/// rather than kept as gauges in the registry: they are read from the database at every scrape,
/// and an agreement that is terminated or removed must drop out of the next scrape, which a gauge
/// once registered would not.
struct AgreementSeries {
    /// nil: `alerts.expiry_metrics` is false.
    let expiries: [(agreement: String, seconds: Int)]?
    let statusCounts: [AgreementStatus: Int]

    var exposition: [UInt8] {
        var text = """
            # HELP timelined_agreements Agreements by status today, as the alert engine last evaluated them.
            # TYPE timelined_agreements gauge

            """
        for status in AgreementStatus.allCases {
            text += "timelined_agreements{status=\"\(status.rawValue)\"} \(statusCounts[status] ?? 0)\n"
        }
        guard let expiries else { return Array(text.utf8) }
        text += """
            # HELP timelined_agreement_expiry_timestamp_seconds When the agreement's term ends (the start of the day after its expiry date in alerts.time_zone), for agreements with a known expiry that are not terminated.
            # TYPE timelined_agreement_expiry_timestamp_seconds gauge

            """
        var bytes = Array(text.utf8)
        bytes.reserveCapacity(bytes.count + expiries.count * 80)
        for (agreement, seconds) in expiries {
            bytes += "timelined_agreement_expiry_timestamp_seconds{agreement=\"".utf8
            bytes += Self.labelValue(agreement).utf8
            bytes += "\"} \(seconds)\n".utf8
        }
        return bytes
    }

    /// The exposition format's escapes inside a label value: backslash, double quote, line feed.
    private static func labelValue(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "\"" || $0 == "\n" }) else { return text }
        return text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
    }
}
