/// Where a page of `GET /v1/alerts/deliveries` ended: its last delivery's `created_at` (in
/// microseconds since the epoch) and id, the keyset of the listing's newest-first order.
///
/// The text is base64url (no padding) of `v1|<microseconds>|<uuid>`, which PostgreSQL writes
/// itself when it builds `next_cursor` (`DeliveryOutbox.deliveries`); both sides keep to it.
public struct DeliveryCursor: Sendable, Hashable {
    public let createdAtMicroseconds: Int64
    /// Lower-case, as PostgreSQL prints a uuid.
    public let deliveryID: String

    private static let version = "v1"

    public init(createdAtMicroseconds: Int64, deliveryID: String) {
        self.createdAtMicroseconds = createdAtMicroseconds
        self.deliveryID = deliveryID
    }

    public init(encoded: String) throws(CursorError) {
        let failure = CursorError(input: encoded, reason: "it is not a delivery position")
        guard let text = Base64URL.decode(encoded) else { throw CursorError(input: encoded, reason: "it is not base64url text") }
        let fields = text.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0] == Self.version, let micros = Int64(fields[1]), Self.isUUID(fields[2]) else {
            throw failure
        }
        self.init(createdAtMicroseconds: micros, deliveryID: String(fields[2]))
        // Numbers have other spellings (`+1`, `01`); only the one the server writes is accepted.
        guard self.encoded == encoded else { throw failure }
    }

    public var encoded: String {
        Base64URL.encode([Self.version, String(createdAtMicroseconds), deliveryID].joined(separator: "|"))
    }

    /// `8-4-4-4-12` lower-case hexadecimal digits.
    private static func isUUID(_ text: Substring) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12]
            && groups.allSatisfy { $0.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) } }
    }
}
