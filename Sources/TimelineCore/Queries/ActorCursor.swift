/// Where a page of `GET /v1/actors` ended: the id of its last actor, as base64url (no padding),
/// which PostgreSQL writes itself when it builds `next_cursor`.
public struct ActorCursor: Sendable, Hashable {
    public let actorID: String

    public init(actorID: String) {
        self.actorID = actorID
    }

    public init(encoded: String) throws(CursorError) {
        guard let actorID = Base64URL.decode(encoded), IdentifierSyntax.isValidActorID(actorID) else {
            throw CursorError(input: encoded, reason: "it is not an actor position")
        }
        self.actorID = actorID
    }

    public var encoded: String {
        Base64URL.encode(actorID)
    }
}
