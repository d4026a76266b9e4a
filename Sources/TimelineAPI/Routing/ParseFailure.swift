import TimelineCore

/// A parser's refusal of a query value, with the reason a client can act on (`February 2023 has
/// 28 days`), which the 400 repeats.
protocol ParseFailure: Error {
    var reason: String { get }
}

extension DateParseError: ParseFailure {}
extension TimestampParseError: ParseFailure {}
extension CursorError: ParseFailure {}
