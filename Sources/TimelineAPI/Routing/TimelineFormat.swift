import Hummingbird
import TimelineCore

/// `format` of `GET /v1/timeline`: the v1 JSON page, or the same page in TimelineJS3's format (§13).
enum TimelineFormat: String {
    case json
    case timelinejs

    static let parameterName = "format"

    init(_ request: Request) throws(APIError) {
        let parameters = try QueryParameters(request, accepting: TimelineQuery.parameterNames.union([Self.parameterName]))
        self = try parameters.value(Self.parameterName, expected: "json or timelinejs") { Self(rawValue: String($0)) } ?? .json
    }
}
