/// Every issue found, so a client fixes a whole request in one round trip — up to
/// `maximumReported` of them: past that a report only grows the answer (and the memory that
/// builds it), so the rest are counted in `omittedCount`.
public struct ValidationErrors: Error, Hashable, Sendable, CustomStringConvertible {
    public static let maximumReported = 100

    public var issues: [ValidationIssue]
    /// Issues found beyond the first `maximumReported`.
    public var omittedCount: Int

    public init(issues: [ValidationIssue], omittedCount: Int = 0) {
        self.issues = issues
        self.omittedCount = omittedCount
    }

    /// Every issue found, reported or counted.
    public var totalCount: Int { issues.count + omittedCount }

    public var description: String {
        let listed = issues.map(\.description).joined(separator: "; ")
        return omittedCount == 0 ? listed : "\(listed); and \(omittedCount) more"
    }

    /// Adds `other`'s issues after these, keeping the first `maximumReported`.
    public mutating func append(contentsOf other: ValidationErrors) {
        let room = max(0, Self.maximumReported - issues.count)
        issues += other.issues.prefix(room)
        omittedCount += other.issues.count - min(room, other.issues.count) + other.omittedCount
    }
}
