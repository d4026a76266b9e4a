import Hummingbird

/// A request's query string, read strictly: a parameter the endpoint does not know, one given
/// twice where one is expected, or one that does not parse is a 400 naming it — a typo must not
/// silently widen a query.
struct QueryParameters {
    private let parameters: Parameters

    init(_ request: Request, accepting accepted: Set<String>) throws(APIError) {
        parameters = request.uri.queryParameters
        // Empty names come from stray separators (`?a=1&`), not from a client's intent.
        if let unknown = parameters.first(where: { !$0.key.isEmpty && !accepted.contains(String($0.key)) }) {
            let known = accepted.isEmpty ? "takes no parameters" : "takes \(accepted.sorted().joined(separator: ", "))"
            throw .invalidParameter(name: String(unknown.key), reason: "is not known: this endpoint \(known)")
        }
    }

    /// The value of a parameter given at most once; `expected` completes "must be …".
    func value<Value>(
        _ name: String, expected: String, _ parse: (Substring) -> Value?
    ) throws(APIError) -> Value? {
        try single(name).map { value throws(APIError) in try Self.parse(value, name: name, expected: expected, parse) }
    }

    /// The value of a parameter given at most once, parsed by a parser that says what is wrong
    /// with a value; its reason follows "must be `expected`:".
    func value<Value, Failure: ParseFailure>(
        _ name: String, expected: String, parsing parse: (String) throws(Failure) -> Value
    ) throws(APIError) -> Value? {
        guard let value = try single(name) else { return nil }
        do {
            return try parse(String(value))
        } catch {
            throw .invalidParameter(name: name, reason: "must be \(expected): \(error.reason)")
        }
    }

    /// The items of a comma-separated parameter given at most once, in order, each once; an empty
    /// item (`a,,b`) is malformed like any other item that does not parse.
    func list<Value: Equatable>(
        _ name: String, expected: String, _ parse: (Substring) -> Value?
    ) throws(APIError) -> [Value]? {
        try value(name, expected: expected) { list in
            var items: [Value] = []
            for text in list.split(separator: ",", omittingEmptySubsequences: false) {
                guard let item = parse(text) else { return nil }
                if !items.contains(item) { items.append(item) }
            }
            return items
        }
    }

    /// Every value of a repeatable parameter, in order.
    func values<Value>(
        _ name: String, expected: String, _ parse: (Substring) -> Value?
    ) throws(APIError) -> [Value] {
        var result: [Value] = []
        for value in parameters[values: Substring(name)] {
            result.append(try Self.parse(value, name: name, expected: expected, parse))
        }
        return result
    }

    private func single(_ name: String) throws(APIError) -> Substring? {
        let values = parameters[values: Substring(name)]
        guard values.count <= 1 else { throw .invalidParameter(name: name, reason: "is given more than once") }
        return values.first
    }

    private static func parse<Value>(
        _ value: Substring, name: String, expected: String, _ parse: (Substring) -> Value?
    ) throws(APIError) -> Value {
        guard let parsed = parse(value) else { throw .invalidParameter(name: name, reason: "must be \(expected)") }
        return parsed
    }
}
