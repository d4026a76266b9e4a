/// Why a text is not an RFC 3339 instant (the `as_of` of a timeline).
public struct TimestampParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public let input: String
    public let reason: String

    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    /// For example `'2023-08-27T10:00' is not an RFC 3339 timestamp: seconds are required (HH:MM:SS)`.
    public var description: String {
        "\(Quoting.quoted(input)) is not an RFC 3339 timestamp: \(reason)"
    }
}
