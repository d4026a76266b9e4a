/// Why a `cursor` parameter was refused: it is not a `next_cursor` this server wrote.
public struct CursorError: Error, Sendable, Hashable, CustomStringConvertible {
    public let input: String
    public let reason: String

    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    public var description: String {
        "\(Quoting.quoted(input)) is not a cursor: \(reason); pass the next_cursor of the previous page unchanged"
    }
}
