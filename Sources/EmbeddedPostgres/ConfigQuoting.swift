import Foundation

/// Quoting for the two syntaxes a directory path has to pass through.
enum ConfigQuoting {
    /// A value in a libpq `key=value` connection string: single-quoted, with `\` escapes, when it
    /// is empty or holds whitespace, quotes or backslashes.
    static func libpqValue(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0.isWhitespace || $0 == "'" || $0 == "\\" }
        guard needsQuotes else { return value }
        var quoted = "'"
        for character in value {
            if character == "'" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "'"
    }

    /// A string value in postgresql.conf: single-quoted, `'` doubled.
    static func serverString(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// One element of `unix_socket_directories`, a comma-separated list that trims whitespace
    /// around unquoted elements: double-quoted, `"` doubled.
    static func socketDirectoryListItem(_ path: String) -> String {
        "\"" + path.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
