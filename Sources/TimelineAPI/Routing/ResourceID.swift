import Hummingbird
import TimelineCore

/// The `{id}` of a resource path, as the store spells it. Ids are opaque to clients, so a text
/// that cannot be one names no resource: it is answered 404 like an id never used, never 400,
/// and never reaches the database.
enum ResourceID {
    /// An event id: the decimal digits of a positive `bigint`, written as the server writes them
    /// (`+7` and `007` name nothing).
    static func event(of request: Request, context: APIRequestContext) throws(APIError) -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0, String(id) == text else {
            throw .notFound(path: request.uri.path)
        }
        return id
    }

    /// An actor id of contract §2.
    static func actor(of request: Request, context: APIRequestContext) throws(APIError) -> String {
        try identifier(of: request, context: context, IdentifierSyntax.isValidActorID)
    }

    /// An agreement id of contract §2.
    static func agreement(of request: Request, context: APIRequestContext) throws(APIError) -> String {
        try identifier(of: request, context: context, IdentifierSyntax.isValidAgreementID)
    }

    private static func identifier(
        of request: Request, context: APIRequestContext, _ isValid: (String) -> Bool
    ) throws(APIError) -> String {
        guard let id = context.parameters.get("id"), isValid(id) else { throw .notFound(path: request.uri.path) }
        return id
    }
}
