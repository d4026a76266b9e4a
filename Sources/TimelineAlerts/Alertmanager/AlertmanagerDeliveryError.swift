/// An Alertmanager that did not take a round's alerts; the next round sends them again.
public struct AlertmanagerDeliveryError: Error, CustomStringConvertible {
    /// `alerts.channels[].name`.
    public let channel: String
    /// `{url}/api/v2/alerts`.
    public let endpoint: String
    /// The answer's status, nil when none came (refused, timed out).
    public let status: Int?
    /// The start of the answer's body, or what went wrong on the way.
    public let detail: String

    public var description: String {
        let answer = status.map { "answered \($0)" } ?? "could not be reached"
        return "Alertmanager of channel \(channel) at \(endpoint) \(answer): \(detail)"
    }
}
