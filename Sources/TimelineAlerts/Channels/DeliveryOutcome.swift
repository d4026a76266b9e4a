/// What one attempt at a delivery came to (contract v1.1 §12): at least once, so whatever may
/// be temporary is retried, and only a receiver's explicit refusal fails at once.
public enum DeliveryOutcome: Sendable, Hashable {
    case delivered
    /// A network error, a timeout, `408`, `429` or `5xx`: retried with backoff.
    case retry(reason: String)
    /// Any other answer: retrying would get the same one.
    case failed(reason: String)

    /// The outcome of a response with `status`. Redirects are not followed (a signed
    /// notification goes where it was configured to go, nowhere else), so a `3xx` fails too.
    public init(status: Int) {
        switch status {
        case 200..<300: self = .delivered
        case 408, 429, 500..<600: self = .retry(reason: "HTTP \(status)")
        default: self = .failed(reason: "HTTP \(status)")
        }
    }
}
