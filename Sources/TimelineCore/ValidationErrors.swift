/// Every issue found, so a client fixes a whole request in one round trip.
public struct ValidationErrors: Error, Hashable, Sendable, CustomStringConvertible {
    public var issues: [ValidationIssue]

    public init(issues: [ValidationIssue]) {
        self.issues = issues
    }

    public var description: String {
        issues.map(\.description).joined(separator: "; ")
    }
}
