import TimelineCore

/// The body of every error response: an RFC 9457 problem (`application/problem+json`).
struct ProblemDetails: Encodable, Sendable {
    static let mediaType = "application/problem+json"

    /// A stable identifier clients can branch on; the title and detail are for people.
    let type: String
    let title: String
    let status: Int
    let detail: String
    /// Each bad record or parameter; absent when the problem is about the request as a whole.
    let errors: [ValidationIssue]?
    /// Issues found beyond those listed in `errors`; absent when every one is listed.
    let errorsOmitted: Int?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, errors
        case errorsOmitted = "errors_omitted"
    }
}
