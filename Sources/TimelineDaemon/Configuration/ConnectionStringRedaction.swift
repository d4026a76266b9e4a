/// Hides the password in a libpq connection string so `database.url` can be shown and logged.
/// Both libpq forms are handled: the URI (`postgresql://user:secret@host/db?password=secret`)
/// and keyword/value pairs (`host=db password='se cret'`).
enum ConnectionStringRedaction {
    private static let mask = "***"

    static func redacted(_ connection: String) -> String {
        for scheme in ["postgresql://", "postgres://"] where connection.hasPrefix(scheme) {
            return redactedURI(connection, schemeLength: scheme.count)
        }
        return redactedKeywordValues(connection)
    }

    private static func redactedURI(_ uri: String, schemeLength: Int) -> String {
        let query = uri.firstIndex(of: "?")
        var head = String(uri[..<(query ?? uri.endIndex)])
        let authorityStart = head.index(head.startIndex, offsetBy: schemeLength)
        // The last '@' before the query ends the user information, even when an unencoded '@'
        // or '/' in the password confuses the rest: too much hidden beats a leak.
        if let at = head[authorityStart...].lastIndex(of: "@"),
            let colon = head[authorityStart..<at].firstIndex(of: ":")
        {
            head.replaceSubrange(head.index(after: colon)..<at, with: mask)
        }
        guard let query else { return head }
        let parameters = uri[uri.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false)
            .map { parameter in
                parameter.hasPrefix("password=") ? "password=\(mask)" : String(parameter)
            }
        return head + "?" + parameters.joined(separator: "&")
    }

    /// Walks `keyword = value` pairs as libpq does (values single-quoted or bare, `\` escaping
    /// the next character) and replaces each password value. A string that does not parse is
    /// hidden whole, since where its password lies is then unknown.
    private static func redactedKeywordValues(_ text: String) -> String {
        var result = text
        var passwordValues: [Range<String.Index>] = []
        var index = text.startIndex

        func skipWhitespace() {
            while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
        }
        func scanValue(until isEnd: (Character) -> Bool) -> Bool {
            while index < text.endIndex, !isEnd(text[index]) {
                if text[index] == "\\" {
                    index = text.index(after: index)
                    guard index < text.endIndex else { return false }
                }
                index = text.index(after: index)
            }
            return true
        }

        skipWhitespace()
        while index < text.endIndex {
            let keywordStart = index
            while index < text.endIndex, text[index] != "=", !text[index].isWhitespace {
                index = text.index(after: index)
            }
            let keyword = text[keywordStart..<index]
            skipWhitespace()
            guard index < text.endIndex, text[index] == "=" else { return mask }
            index = text.index(after: index)
            skipWhitespace()
            let valueStart = index
            if index < text.endIndex, text[index] == "'" {
                index = text.index(after: index)
                guard scanValue(until: { $0 == "'" }), index < text.endIndex else { return mask }
                index = text.index(after: index)
            } else {
                guard scanValue(until: \.isWhitespace) else { return mask }
            }
            if keyword == "password" { passwordValues.append(valueStart..<index) }
            skipWhitespace()
        }
        // Replaced back to front so earlier ranges stay valid.
        for range in passwordValues.reversed() {
            result.replaceSubrange(range, with: mask)
        }
        return result
    }
}
