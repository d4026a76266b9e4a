/// A query string built from name/value pairs, for the links a page makes (next page, exports):
/// every byte but RFC 3986's unreserved characters is percent-encoded.
public struct QueryString: Sendable, Hashable {
    public var pairs: [(name: String, value: String)]

    public init(_ pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    public static func == (left: QueryString, right: QueryString) -> Bool {
        left.pairs.map(\.name) == right.pairs.map(\.name) && left.pairs.map(\.value) == right.pairs.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for pair in pairs {
            hasher.combine(pair.name)
            hasher.combine(pair.value)
        }
    }

    /// These pairs without `name`, and with `name=value` appended when a value is given.
    public func replacing(_ name: String, with value: String?) -> QueryString {
        QueryString(pairs.filter { $0.name != name } + (value.map { [(name, $0)] } ?? []))
    }

    /// `?a=1&b=2`, or the empty string without pairs.
    public var text: String {
        pairs.isEmpty ? "" : "?" + pairs.map { Self.encoded($0.name) + "=" + Self.encoded($0.value) }.joined(separator: "&")
    }

    private static func encoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }
}
