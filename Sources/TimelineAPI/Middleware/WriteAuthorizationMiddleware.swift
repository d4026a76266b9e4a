import Hummingbird

/// Contract §3: mutating requests need an accepted bearer token when tokens are configured,
/// and come from this machine when none is. Reads pass untouched.
struct WriteAuthorizationMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    /// The accepted tokens as configured now: a reload may change them between requests.
    let tokens: @Sendable () -> BearerTokenVerifier

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.mutatingMethods.contains(request.method) else {
            return try await next(request, context)
        }
        var context = context
        context.caller = try authorize(request, client: context.client)
        context.logger[metadataKey: "caller"] = .stringConvertible(context.caller)
        return try await next(request, context)
    }

    private static let mutatingMethods: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]

    private func authorize(_ request: Request, client: ClientAddress) throws(APIError) -> Caller {
        let tokens = tokens()
        guard !tokens.isEmpty else {
            guard client.isLoopback else {
                throw .forbidden(
                    "Writes from other hosts need a bearer token, and none is configured: add the SHA-256 of a "
                        + "secret token to api.token_hashes (printf %s TOKEN | sha256sum) and send "
                        + "'Authorization: Bearer TOKEN'.")
            }
            return .loopback
        }
        guard let token = Self.bearerToken(in: request.headers[.authorization]) else {
            throw .unauthorized(.missingToken)
        }
        guard let caller = tokens.caller(presenting: token) else {
            throw .unauthorized(.invalidToken)
        }
        return caller
    }

    /// The token of `Bearer TOKEN`; the scheme is case-insensitive (RFC 9110 §11.1).
    private static func bearerToken(in header: String?) -> Substring? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingPrefix(while: { $0 == " " })
        return token.isEmpty ? nil : Substring(token)
    }
}
