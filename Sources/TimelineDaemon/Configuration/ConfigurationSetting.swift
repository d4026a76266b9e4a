import Foundation

/// One key's value as written in the environment or the file, and where it was found.
/// Its conversions throw errors that name the key, quote the value and name the source.
struct ConfigurationSetting {
    enum Value {
        /// A YAML scalar or an environment variable's text.
        case scalar(String)
        /// A YAML sequence of scalars.
        case list([String])
    }

    let key: ConfigurationKey
    let value: Value
    /// The environment variable's name or the file's path.
    let source: String

    /// An error about this setting, e.g. "http.port: expected …, got 'eighty' (from TIMELINED_HTTP_PORT)".
    func failure(_ problem: String) -> ConfigurationError {
        ConfigurationError(key: key.rawValue, message: "\(problem) (from \(source))")
    }

    func failure(expected expectation: String, got text: String) -> ConfigurationError {
        failure("expected \(expectation), got \(Self.quoted(text))")
    }

    /// The scalar's text; a list is the wrong type for every caller of this.
    func scalar(expected expectation: String) throws(ConfigurationError) -> String {
        switch value {
        case .scalar(let text): text
        case .list: throw failure("expected \(expectation), got a list")
        }
    }

    /// A list's items: a YAML sequence, or comma-separated text (the environment's form,
    /// `180,90,30`, also accepted in the file). Empty text is the empty list.
    var items: [String] {
        switch value {
        case .list(let items):
            items
        case .scalar(let text) where text.allSatisfy(\.isWhitespace):
            []
        case .scalar(let text):
            text.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    func integer(in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        let expectation =
            range.upperBound == .max
            ? "an integer of at least \(range.lowerBound)"
            : "an integer from \(range.lowerBound) to \(range.upperBound)"
        let text = try scalar(expected: expectation)
        guard let number = Int(text), range.contains(number) else {
            throw failure(expected: expectation, got: text)
        }
        return number
    }

    func boolean() throws(ConfigurationError) -> Bool {
        let expectation = "true or false"
        let text = try scalar(expected: expectation)
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw failure(expected: expectation, got: text)
        }
    }

    func nonEmptyText() throws(ConfigurationError) -> String {
        let expectation = "a non-empty string"
        let text = try scalar(expected: expectation)
        guard !text.isEmpty else { throw failure(expected: expectation, got: text) }
        return text
    }

    /// nil for an empty or YAML-null value, which is how a file or variable says "unset".
    func optionalText() throws(ConfigurationError) -> String? {
        let text = try scalar(expected: "a string")
        return Self.isNull(text) ? nil : text
    }

    func choice<Choice: CaseIterable & RawRepresentable<String>>(
        of _: Choice.Type
    ) throws(ConfigurationError) -> Choice {
        let expectation = "one of " + Choice.allCases.map(\.rawValue).joined(separator: ", ")
        let text = try scalar(expected: expectation)
        guard let choice = Choice(rawValue: text.lowercased()) else {
            throw failure(expected: expectation, got: text)
        }
        return choice
    }

    /// YAMLSnapshot hands a null scalar over as its spelling, so those spellings are recognised here.
    static func isNull(_ text: String) -> Bool {
        ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// Single-quoted, with line breaks escaped so the message stays on one line.
    private static func quoted(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        return "'\(escaped)'"
    }
}
