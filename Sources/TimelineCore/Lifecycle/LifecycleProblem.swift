/// An event that cannot be applied to its agreement's lifecycle, found by `Lifecycle.problems(in:)`.
public struct LifecycleProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public let eventID: String
    /// Says what is wrong and what to give instead, for the `extends_by` entry of a 422.
    public let message: String

    public init(eventID: String, message: String) {
        self.eventID = eventID
        self.message = message
    }

    public var description: String {
        "event \(eventID): \(message)"
    }
}
