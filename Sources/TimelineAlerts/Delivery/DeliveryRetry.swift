import Postgres

/// When a delivery that failed in a way worth retrying is tried again (contract v1.1 §12): 1 s
/// after the first attempt, doubling, never more than 10 minutes apart, with jitter so that the
/// rows of one outage do not all come back in the same second.
public enum DeliveryRetry {
    public static let initialDelay = Duration.seconds(1)
    public static let maximumDelay = Duration.seconds(600)

    /// The wait after the `attempt`-th attempt (from 1) failed: the row's attempt count stands in
    /// for the failures a `RetryBackoff` counts in a loop, since the row may move between daemons.
    public static func delay(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        var backoff = RetryBackoff(initial: initialDelay, maximum: maximumDelay, jitter: .equal)
        var delay = Duration.zero
        // Past the cap every further failure waits the same; no need to count all of them.
        for _ in 0..<min(max(attempt, 1), 16) {
            delay = backoff.next(using: &generator)
        }
        return delay
    }

    public static func delay(afterAttempt attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, using: &generator)
    }
}
