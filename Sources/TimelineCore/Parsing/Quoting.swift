/// Echoes client values into messages without letting a huge value flood a response or a log line.
public enum Quoting {
    static let maximumEcho = 64

    public static func quoted(_ value: String) -> String {
        // Scalars, not characters: one character may carry thousands of combining marks.
        var text = value
        if text.unicodeScalars.count > maximumEcho {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(maximumEcho))) + "…"
        }
        return "'" + text + "'"
    }

    /// `20000` → `20,000`, matching the contract's own way of writing limits.
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }

    /// Zero-padded decimal, for the fixed-width fields of dates.
    static func padded(_ value: Int, width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
