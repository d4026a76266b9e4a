/// Who a request acts for, as `WriteAuthorizationMiddleware` established it.
public enum Caller: Sendable, Hashable, CustomStringConvertible {
    /// Not authenticated: reads need nothing more.
    case anonymous
    /// A write from this machine while no token is configured.
    case loopback
    /// A write with an accepted bearer token, named by the first hex digits of its configured
    /// hash: enough to tell tokens apart in logs, nothing an attacker can use.
    case token(fingerprint: String)

    public var description: String {
        switch self {
        case .anonymous: "anonymous"
        case .loopback: "loopback"
        case .token(let fingerprint): "token:\(fingerprint)"
        }
    }
}
