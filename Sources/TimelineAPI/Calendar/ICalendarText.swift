/// RFC 5545 §3.3.11 TEXT values.
enum ICalendarText {
    /// Escapes backslash, semicolon and comma, and writes every line break (CRLF, LF or CR) as
    /// `\n`. Other control characters are dropped: TEXT cannot carry them, and one stray byte makes
    /// strict clients reject the whole feed rather than that one event.
    static func escaped(_ value: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        var afterCarriageReturn = false
        for scalar in value.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r": result += "\\n"
            // The LF of a CRLF was already written with its CR.
            case "\n": if !afterCarriageReturn { result += "\\n" }
            case "\t": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: break
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A multi-valued TEXT property (`CATEGORIES`): each value escaped, so a comma inside one stays
    /// part of it, then joined by the separating comma.
    static func list(_ values: [String]) -> String {
        values.map(escaped).joined(separator: ",")
    }
}
