import Hummingbird

/// A value of another module sent as JSON, encoded by the request context's encoder. The
/// store's types stay free of Hummingbird; conforming them here would be a retroactive
/// conformance of a foreign type to a foreign protocol.
struct EncodedBody<Value: Encodable>: ResponseEncodable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// The value's own encoding, unwrapped.
    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
