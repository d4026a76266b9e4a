/// How values are written into log lines. Values come from clients (an event's title reaches the
/// expiry notification line), and whoever reads the log reads it on a terminal: no control
/// character — C0, DEL, C1, the line and paragraph separators — may reach it raw, or a title
/// could move the cursor, recolour the screen or forge a line.
enum LogText {
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// `text` as a JSON string literal with every control character escaped: the quoted form of
    /// a logfmt value and every member of a JSON line alike.
    static func quoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            case _ where isControl(scalar):
                let hex = String(scalar.value, radix: 16)
                quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// Bare when it is one plain word, else quoted.
    static func logfmtValue(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar != "=" && scalar != "\"" && scalar != "\\" && !isControl(scalar)
        }
        return plain ? text : quoted(text)
    }

    /// One JSON object of string members, in key order.
    static func jsonObject(_ members: [String: String]) -> String {
        "{" + members.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(quoted($0.value))" }.joined(separator: ",") + "}"
    }
}
