/// How long to wait before the next attempt at something that keeps failing: `initial` after
/// the first failure, twice as long after each further one, never more than `maximum` (which
/// wins over a longer `initial`).
///
/// Loops that retry against a shared server add ``Jitter`` so that clients which failed
/// together do not all come back in the same instant.
public struct RetryBackoff: Sendable {
    public enum Jitter: Sendable, Hashable {
        /// The doubling delay itself.
        case none
        /// Anywhere from zero up to the doubling delay: spreads retries the most.
        case full
        /// Half the doubling delay, plus anywhere up to the other half: spreads retries while
        /// keeping a floor under the wait.
        case equal
    }

    public let initial: Duration
    public let maximum: Duration
    public let jitter: Jitter
    /// Failures since the last success.
    public private(set) var failures = 0
    /// The delay before jitter after the latest failure; the next one doubles it.
    private var ceiling = Duration.zero

    /// - Precondition: `initial` is positive, `maximum` not negative.
    public init(initial: Duration, maximum: Duration, jitter: Jitter = .none) {
        precondition(initial > .zero && maximum >= .zero, "a backoff needs a positive initial delay and a maximum of at least zero")
        self.initial = initial
        self.maximum = maximum
        self.jitter = jitter
    }

    /// Records a failure and returns how long to wait before the next attempt.
    public mutating func next() -> Duration {
        var generator = SystemRandomNumberGenerator()
        return next(using: &generator)
    }

    /// ``next()`` drawing its jitter from `generator`, so that tests can replay a sequence.
    public mutating func next(using generator: inout some RandomNumberGenerator) -> Duration {
        if failures == 0 {
            ceiling = min(initial, maximum)
        } else {
            // Compared with half the bound, not doubled first, so that a huge maximum cannot overflow.
            ceiling = ceiling > maximum / 2 ? maximum : ceiling * 2
        }
        failures += 1
        // Half-open ranges: their draw takes exactly one number from the generator, where a
        // closed range may reject some and draw again, so a given generator replays alike.
        switch jitter {
        case .none:
            return ceiling
        case .full:
            return ceiling * Double.random(in: 0..<1, using: &generator)
        case .equal:
            return ceiling / 2 + ceiling / 2 * Double.random(in: 0..<1, using: &generator)
        }
    }

    /// Records a success: the next failure waits `initial` again.
    public mutating func reset() {
        failures = 0
        ceiling = .zero
    }
}
