/// The one escaping of text put into HTML or XML, for the SVG builder and the TimelineJS export
/// (TimelineJS renders `headline` and `text` as HTML). Escapes the quotes as well, so that the
/// same text is safe in an attribute value.
public enum MarkupEscaping {
    public static func escaped(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            // XML 1.0 has no place for the other C0 controls; they would make the SVG unreadable.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}": escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
