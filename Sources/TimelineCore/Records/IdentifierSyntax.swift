/// The contract's identifier patterns (§2), matched by hand: they are ASCII-only and simple enough
/// that a regular expression engine would only add cost.
public enum IdentifierSyntax {
    /// `^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`
    public static func isValidKey(_ text: String) -> Bool {
        matches(text, maximumLength: 128, lowercaseOnly: false, allowsColon: true)
    }

    /// `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`
    public static func isValidActorID(_ text: String) -> Bool {
        matches(text, maximumLength: 64, lowercaseOnly: false, allowsColon: false)
    }

    /// `^[a-z0-9][a-z0-9._-]{0,63}$`
    public static func isValidAgreementID(_ text: String) -> Bool {
        matches(text, maximumLength: 64, lowercaseOnly: true, allowsColon: false)
    }

    static let keyRule = "use 1–128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"
    static let actorIDRule = "use 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit"
    static let agreementIDRule =
        "use 1–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"

    private static func matches(_ text: String, maximumLength: Int, lowercaseOnly: Bool, allowsColon: Bool) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, utf8.count <= maximumLength else { return false }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            lowercaseOnly ? ASCII.isLowercaseLetter(byte) || ASCII.isDigit(byte) : ASCII.isAlphanumeric(byte)
        }
        guard isAlphanumeric(first) else { return false }
        return utf8.dropFirst().allSatisfy { byte in
            isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-") || (allowsColon && byte == UInt8(ascii: ":"))
        }
    }
}
