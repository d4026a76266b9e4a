import Foundation

/// A value that travels to the server as a statement parameter in text format.
///
/// Every value reaches PostgreSQL through `PQexecPrepared` or `COPY`, never spliced into SQL
/// text; the SQL casts (`$1::date`, `$2::text[]`) say how the server reads it.
public protocol PostgresBindable: Sendable {
    /// The parameter's text form; nil sends SQL NULL.
    var postgresText: String? { get }
}

extension String: PostgresBindable {
    public var postgresText: String? { self }
}

extension Substring: PostgresBindable {
    public var postgresText: String? { String(self) }
}

extension Int: PostgresBindable {
    public var postgresText: String? { String(self) }
}

extension Int32: PostgresBindable {
    public var postgresText: String? { String(self) }
}

extension Int64: PostgresBindable {
    public var postgresText: String? { String(self) }
}

extension Bool: PostgresBindable {
    public var postgresText: String? { self ? "t" : "f" }
}

extension Double: PostgresBindable {
    public var postgresText: String? { String(self) }
}

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    public var postgresText: String? { self?.postgresText }
}

extension Array: PostgresBindable where Element: PostgresBindable {
    /// A PostgreSQL array literal: `{"a","b",NULL}`; every element is quoted so that commas,
    /// braces, quotes and backslashes inside elements survive.
    public var postgresText: String? {
        // Built as UTF-8 bytes: ingest sends arrays of thousands of keys and records, and
        // appending scalar by scalar to a String took a tenth of the daemon's ingest time.
        var literal: [UInt8] = [UInt8(ascii: "{")]
        for (offset, element) in enumerated() {
            if offset > 0 { literal.append(UInt8(ascii: ",")) }
            guard var text = element.postgresText else {
                literal += "NULL".utf8
                continue
            }
            literal.append(UInt8(ascii: "\""))
            text.withUTF8 { bytes in
                for byte in bytes {
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { literal.append(UInt8(ascii: "\\")) }
                    literal.append(byte)
                }
            }
            literal.append(UInt8(ascii: "\""))
        }
        literal.append(UInt8(ascii: "}"))
        return String(decoding: literal, as: UTF8.self)
    }
}

/// A `jsonb` or `json` parameter given as already-encoded JSON bytes.
public struct PostgresJSON: PostgresBindable, Hashable {
    public let text: String

    public init(encoded data: Data) {
        text = String(decoding: data, as: UTF8.self)
    }

    public init(text: String) {
        self.text = text
    }

    public var postgresText: String? { text }
}
