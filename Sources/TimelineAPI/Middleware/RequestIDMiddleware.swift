import HTTPTypes
import Hummingbird
import TimelineCore

/// Gives every request an id — the client's `X-Request-Id` when it is sane, else a new one —
/// puts it on every log line of the request and echoes it on the response, errors included.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = request.headers[Self.header].flatMap { Self.isSane($0) ? $0 : nil } ?? Self.freshID()
        context.requestID = id
        // Replaces the id Hummingbird attached, so a log line carries one id, the one the client sees.
        context.logger[metadataKey: "hb.request.id"] = nil
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[Self.header] = id
        return response
    }

    /// An id a client chose goes into logs and headers verbatim, so it must be short and plain.
    static func isSane(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128 && id.utf8.allSatisfy { byte in
            ASCII.isAlphanumeric(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    /// 128 random bits as 32 hex digits. Hummingbird's `RequestID` drops the leading zeros of its
    /// per-process half, so in one process in sixteen every id it made was 31 digits long.
    static func freshID() -> String {
        var generator = SystemRandomNumberGenerator()
        return [generator.next(), generator.next()].map { (half: UInt64) in
            let digits = String(half, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}
