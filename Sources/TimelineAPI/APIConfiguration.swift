/// The settings of contract §6 the HTTP layer reads.
public struct APIConfiguration: Sendable, Hashable {
    /// `http.max_body_bytes`: larger request bodies get 413.
    public var maxBodyBytes: Int
    /// `api.token_hashes`: hex SHA-256 hashes of the accepted bearer tokens; empty means writes
    /// are accepted from loopback clients only.
    public var tokenHashes: [String]

    public init(maxBodyBytes: Int = 33_554_432, tokenHashes: [String] = []) {
        self.maxBodyBytes = maxBodyBytes
        self.tokenHashes = tokenHashes
    }
}
