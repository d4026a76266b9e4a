import Hummingbird

/// Turns whatever the routes throw into a problem response, so every error — a 404 from the
/// router included — answers `application/problem+json` and the middleware outside it always
/// sees a status. Unexpected errors are logged here, and only here, with their internals.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = APIError(mapping: error, path: request.uri.path) ?? .internalError(requestID: context.requestID)
            switch problem {
            case .internalError:
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            case .databaseUnavailable, .databaseBusy:
                context.logger.warning("database unavailable", metadata: ["error": "\(error)"])
            default:
                break
            }
            return try problem.response(from: request, context: context)
        }
    }
}
