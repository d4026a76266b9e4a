/// Why the configuration could not be loaded. Its description is the one line the daemon and
/// `check-config` print before exiting: the key (when one is to blame), what is wrong, and
/// where the offending value came from.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The dotted key, e.g. `http.port`; nil when the file as a whole is at fault.
    public let key: String?
    public let message: String

    public init(key: String?, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String {
        guard let key else { return message }
        return "\(key): \(message)"
    }
}
