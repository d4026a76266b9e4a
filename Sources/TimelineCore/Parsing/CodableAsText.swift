/// A value whose JSON form is its text (`"2023-08-27"`, `"P6M"`): encoded as `description`,
/// decoded through the same strict parser as every other input.
public protocol CodableAsText: Codable, CustomStringConvertible {
    associatedtype TextParseError: Error & CustomStringConvertible
    init(parsing text: String) throws(TextParseError)
}

extension CodableAsText {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CodableAsText {
    /// Its text as a JSON string, as it is encoded.
    public var jsonValue: JSONValue { .string(description) }
}
