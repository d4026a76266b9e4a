/// A `Content-Type` header value: the media type and its parameters (RFC 9110 §8.3), with
/// type, subtype and parameter names lower-cased, since they are case-insensitive.
struct ContentType: Sendable, Hashable {
    /// `type/subtype`, e.g. `application/json`.
    let mediaType: String
    let parameters: [String: String]

    init?(_ header: String) {
        var parts = header.split(separator: ";", omittingEmptySubsequences: false).makeIterator()
        guard let essence = parts.next().map({ $0.trimmingBlanks().lowercased() }) else { return nil }
        let halves = essence.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, !halves[0].isEmpty, !halves[1].isEmpty else { return nil }
        var parameters: [String: String] = [:]
        while let parameter = parts.next() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let value = pair[1].trimmingBlanks()
            let isQuoted = value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"")
            parameters[pair[0].trimmingBlanks().lowercased()] = String(isQuoted ? value.dropFirst().dropLast() : value)
        }
        mediaType = essence
        self.parameters = parameters
    }
}

extension Substring {
    /// Without the spaces and tabs HTTP allows around header tokens.
    fileprivate func trimmingBlanks() -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let start = firstIndex { !isBlank($0) } ?? endIndex
        let end = lastIndex { !isBlank($0) }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
