import Foundation

/// base64url without padding (RFC 4648 §5) of UTF-8 text: the outer form of the cursors.
/// PostgreSQL writes the same text with the `base64url` function of `SQL/0002_event_reads.sql`.
enum Base64URL {
    static func encode(_ text: String) -> String {
        var encoded = ""
        for character in Data(text.utf8).base64EncodedString() {
            switch character {
            case "+": encoded.append("-")
            case "/": encoded.append("_")
            case "=": continue
            default: encoded.append(character)
            }
        }
        return encoded
    }

    /// The text `encoded` stands for; nil unless it is exactly what `encode` would write for
    /// it, so every text has one encoding and a tampered cursor does not slip through.
    static func decode(_ encoded: String) -> String? {
        var standard = ""
        for character in encoded {
            switch character {
            case "-": standard.append("+")
            case "_": standard.append("/")
            case "a"..."z", "A"..."Z", "0"..."9": standard.append(character)
            default: return nil
            }
        }
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        guard let data = Data(base64Encoded: standard), let text = String(data: data, encoding: .utf8),
              encode(text) == encoded
        else { return nil }
        return text
    }
}
