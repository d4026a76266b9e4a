import TimelineCore

/// A parser's refusal of a query value, with the reason a client can act on (`February 2023 has
/// 28 days`), which the 400 repeats.
protocol ParseFailure: Error {
    var reason: String { get }
}

/// Every core parser refuses with an `InputRejection`: dates, durations, timestamps, cursors.
extension InputRejection: ParseFailure {}
