/// Why one result row could not be read: the variable at fault and what is wrong with it. The row is
/// reported as malformed and skipped; the rest of the result is imported.
public struct TreatyRowProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public let variable: String
    public let message: String

    public init(_ variable: String, _ message: String) {
        self.variable = variable
        self.message = message
    }

    public var description: String {
        variable.isEmpty ? message : "\(variable): \(message)"
    }
}
