/// Why a text is not an `extends_by` duration (contract §1).
public struct DurationParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public let input: String
    public let reason: String

    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    /// For example `'P1W' is not a duration: weeks are not supported; use days (P7D)`.
    public var description: String {
        "\(Quoting.quoted(input)) is not a duration: \(reason)"
    }
}
