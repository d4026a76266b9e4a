/// One entry of `alerts.channels` (contract §12), as the configuration loader validated it.
/// The loader reads secrets; channels get the decoded key, never the file's path.
public enum AlertChannelSettings: Sendable, Hashable {
    case alertmanager(AlertmanagerChannelSettings)
    case webhook(WebhookChannelSettings)

    public var name: String {
        switch self {
        case .alertmanager(let settings): settings.name
        case .webhook(let settings): settings.name
        }
    }
}

/// Prometheus Alertmanager, API v2: driven by agreement state, no delivery rows.
public struct AlertmanagerChannelSettings: Sendable, Hashable {
    public let name: String
    /// The Alertmanager's base URL; alerts go to `{url}/api/v2/alerts`.
    public let url: String
    /// How often active alerts are sent again (`endsAt` is now + 4 × this).
    public let resendSeconds: Int

    public init(name: String, url: String, resendSeconds: Int) {
        self.name = name
        self.url = url
        self.resendSeconds = resendSeconds
    }
}

/// A CloudEvents + Standard Webhooks receiver: delivered through the outbox.
public struct WebhookChannelSettings: Sendable, Hashable {
    public let name: String
    public let url: String
    /// The HMAC-SHA256 key: the secret file's `whsec_` + base64 text, decoded.
    public let signingKey: [UInt8]
    public let timeoutSeconds: Int

    public init(name: String, url: String, signingKey: [UInt8], timeoutSeconds: Int) {
        self.name = name
        self.url = url
        self.signingKey = signingKey
        self.timeoutSeconds = timeoutSeconds
    }
}
