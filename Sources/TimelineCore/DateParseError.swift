/// Why a text is not a date of the contract (§1).
public struct DateParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public let input: String
    public let reason: String

    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    /// For example `'2023-02-30' is not a date: February 2023 has 28 days`.
    public var description: String {
        "\(Quoting.quoted(input)) is not a date: \(reason)"
    }
}
