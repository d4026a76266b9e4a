import Foundation
import CLibPQ

/// A libpq connection string or URI ("host=/run/pg dbname=x" or "postgresql://u@h/db").
/// An empty string lets libpq use the `PG*` environment variables, `~/.pgpass` and its
/// defaults, exactly as `psql` would.
public struct ConnectionString: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The options the string sets, as libpq parses them (either form), for log lines and
    /// messages: the value of every keyword whose name holds `password` (`password`,
    /// `sslpassword`, and any libpq adds) is `***`.
    public var redacted: String {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(rawValue, &errorMessage) else {
            if let errorMessage { PQfreemem(errorMessage) }
            return "(unparsable connection string)"
        }
        defer { PQconninfoFree(options) }
        var parts: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            let name = String(cString: keyword)
            if let value = option.pointee.val {
                parts.append("\(name)=\(name.contains("password") ? "***" : Self.quote(String(cString: value)))")
            }
            option += 1
        }
        return parts.isEmpty ? "(libpq defaults)" : parts.joined(separator: " ")
    }

    public var description: String { redacted }

    /// Quotes a value for the `keyword=value` form, as libpq documents it.
    public static func quote(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "'" || $0 == "\\" }
        guard needsQuotes else { return value }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        return "'\(escaped)'"
    }
}

extension ConnectionString {
    /// The same connection options with another database name, in keyword=value form
    /// (works for URIs too: libpq parses them first).
    public func withDatabase(_ name: String) -> ConnectionString {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(rawValue, &errorMessage) else {
            if let errorMessage { PQfreemem(errorMessage) }
            return ConnectionString("dbname=\(Self.quote(name))")
        }
        defer { PQconninfoFree(options) }
        var parts: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            let key = String(cString: keyword)
            if key != "dbname", let value = option.pointee.val {
                parts.append("\(key)=\(Self.quote(String(cString: value)))")
            }
            option += 1
        }
        parts.append("dbname=\(Self.quote(name))")
        return ConnectionString(parts.joined(separator: " "))
    }
}
