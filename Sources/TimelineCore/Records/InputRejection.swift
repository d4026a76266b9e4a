/// Why a text was refused as a value of some kind: the text, the reason, and one line for
/// the user. One type for every parser, told apart by `Kind`, so each keeps its own typed
/// error (`throws(DateParseError)`) without four copies of the same struct.
public struct InputRejection<Kind: RejectedInputKind>: Error, Hashable, Sendable, CustomStringConvertible {
    public let input: String
    public let reason: String

    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    /// For example `'2023-02-30' is not a date: February 2023 has 28 days`.
    public var description: String {
        "\(Quoting.quoted(input)) is not \(Kind.noun): \(reason)" + (Kind.advice.map { "; \($0)" } ?? "")
    }
}

/// What a rejected text was meant to be.
public protocol RejectedInputKind: Sendable {
    /// With its article: "a date".
    static var noun: String { get }
    /// What to do instead, when there is more to say than the reason.
    static var advice: String? { get }
}

extension RejectedInputKind {
    public static var advice: String? { nil }
}

public enum DateInput: RejectedInputKind {
    public static let noun = "a date"
}

public enum DurationInput: RejectedInputKind {
    public static let noun = "a duration"
}

public enum TimestampInput: RejectedInputKind {
    public static let noun = "an RFC 3339 timestamp"
}

public enum CursorInput: RejectedInputKind {
    public static let noun = "a cursor"
    public static let advice: String? = "pass the next_cursor of the previous page unchanged"
}

/// Why a text is not a date of the contract (§1).
public typealias DateParseError = InputRejection<DateInput>
/// Why a text is not an ISO 8601 `PnYnMnD` duration.
public typealias DurationParseError = InputRejection<DurationInput>
/// Why a text is not an RFC 3339 instant.
public typealias TimestampParseError = InputRejection<TimestampInput>
/// Why a `cursor` parameter was refused: it is not a `next_cursor` this server wrote.
public typealias CursorError = InputRejection<CursorInput>
