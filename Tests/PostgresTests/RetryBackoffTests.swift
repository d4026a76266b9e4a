import Postgres
import TestSupport
import Testing

@Suite("RetryBackoff")
struct RetryBackoffTests {
    @Test func doublesFromTheInitialDelayUpToTheMaximum() {
        var backoff = RetryBackoff(initial: .milliseconds(250), maximum: .seconds(1))
        let delays = (0..<5).map { _ in backoff.next() }
        #expect(delays == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(1), .seconds(1)])
        #expect(backoff.failures == 5)
    }

    @Test func aMaximumThatIsNoPowerOfTwoOfTheInitialDelayIsReachedExactly() {
        var backoff = RetryBackoff(initial: .seconds(2), maximum: .seconds(60))
        let delays = (0..<7).map { _ in backoff.next() }
        #expect(delays == [2, 4, 8, 16, 32, 60, 60].map { Duration.seconds($0) })
    }

    @Test func aMaximumBelowTheInitialDelayWins() {
        var backoff = RetryBackoff(initial: .milliseconds(100), maximum: .milliseconds(50))
        #expect(backoff.next() == .milliseconds(50))
        #expect(backoff.next() == .milliseconds(50))
    }

    @Test func resetStartsOverFromTheInitialDelay() {
        var backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(5))
        _ = (0..<4).map { _ in backoff.next() }
        backoff.reset()
        #expect(backoff.failures == 0)
        #expect(backoff.next() == .milliseconds(100))
        #expect(backoff.next() == .milliseconds(200))
    }

    @Test func manyFailuresStayAtTheMaximum() {
        var backoff = RetryBackoff(initial: .nanoseconds(1), maximum: .seconds(Int64.max))
        for _ in 0..<200 { _ = backoff.next() }
        #expect(backoff.next() == .seconds(Int64.max))
    }

    @Test func fullJitterDrawsBetweenZeroAndTheDoublingDelay() {
        var backoff = RetryBackoff(initial: .seconds(1), maximum: .seconds(600), jitter: .full)
        var random = SeededRandom(seed: 7)
        for failure in 0..<12 {
            let ceiling = min(Duration.seconds(1) * (1 << failure), .seconds(600))
            let delay = backoff.next(using: &random)
            #expect(delay >= .zero && delay < ceiling)
        }
    }

    @Test func equalJitterKeepsHalfTheDoublingDelay() {
        var backoff = RetryBackoff(initial: .seconds(1), maximum: .seconds(600), jitter: .equal)
        var random = SeededRandom(seed: 11)
        for failure in 0..<12 {
            let ceiling = min(Duration.seconds(1) * (1 << failure), .seconds(600))
            let delay = backoff.next(using: &random)
            #expect(delay >= ceiling / 2 && delay < ceiling)
        }
    }

    @Test func theSameSeedGivesTheSameDelays() {
        func delays(seed: UInt64) -> [Duration] {
            var backoff = RetryBackoff(initial: .seconds(1), maximum: .seconds(600), jitter: .full)
            var random = SeededRandom(seed: seed)
            return (0..<10).map { _ in backoff.next(using: &random) }
        }
        #expect(delays(seed: 42) == delays(seed: 42))
        #expect(delays(seed: 42) != delays(seed: 43))
    }

    @Test func jitterTakesOneDrawFromTheGenerator() {
        var lowest = ConstantRandom(value: 0)
        var full = RetryBackoff(initial: .seconds(1), maximum: .seconds(600), jitter: .full)
        var equal = RetryBackoff(initial: .seconds(1), maximum: .seconds(600), jitter: .equal)
        #expect(full.next(using: &lowest) == .zero)
        #expect(equal.next(using: &lowest) == .milliseconds(500))
        #expect(equal.next(using: &lowest) == .seconds(1))
        #expect(lowest.draws == 3)

        var highest = ConstantRandom(value: .max)
        var nearlyFull = RetryBackoff(initial: .seconds(8), maximum: .seconds(600), jitter: .full)
        let delay = nearlyFull.next(using: &highest)
        #expect(delay > .milliseconds(7_999) && delay < .seconds(8))
    }

    @Test func withoutJitterTheGeneratorIsNotConsulted() {
        var untouched = ConstantRandom(value: 0)
        var backoff = RetryBackoff(initial: .seconds(1), maximum: .seconds(4))
        #expect(backoff.next(using: &untouched) == .seconds(1))
        #expect(untouched.draws == 0)
    }
}

/// Always the same number, counting how often it was asked.
private struct ConstantRandom: RandomNumberGenerator {
    let value: UInt64
    var draws = 0

    mutating func next() -> UInt64 {
        draws += 1
        return value
    }
}
