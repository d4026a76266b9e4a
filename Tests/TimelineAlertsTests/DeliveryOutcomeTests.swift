import Testing
import TimelineAlerts

/// Which answers are retried (contract v1.1 §12), and how long the retries wait.
@Suite("Delivery outcomes and retry delays")
struct DeliveryOutcomeTests {
    @Test(arguments: [200, 201, 202, 204, 299])
    func twoHundredsAreDelivered(status: Int) {
        #expect(DeliveryOutcome(status: status) == .delivered)
    }

    @Test(arguments: [408, 429, 500, 502, 503, 504, 599])
    func timeoutsThrottlingAndServerErrorsAreRetried(status: Int) {
        #expect(DeliveryOutcome(status: status) == .retry(reason: "HTTP \(status)"))
    }

    @Test(arguments: [301, 302, 307, 400, 401, 403, 404, 409, 410, 413, 422])
    func everyOtherAnswerFailsAtOnce(status: Int) {
        #expect(DeliveryOutcome(status: status) == .failed(reason: "HTTP \(status)"))
    }

    /// 1 s doubling, at most 10 min apart; equal jitter keeps each wait in the upper half.
    @Test func retriesWaitOneSecondDoublingUpToTenMinutes() {
        var generator = SystemRandomNumberGenerator()
        let ceilings: [(attempt: Int, seconds: Double)] = [(1, 1), (2, 2), (3, 4), (4, 8), (10, 512), (11, 600), (40, 600), (10_000, 600)]
        for (attempt, ceiling) in ceilings {
            for _ in 0..<50 {
                let delay = DeliveryRetry.delay(afterAttempt: attempt, using: &generator)
                let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
                #expect(seconds >= ceiling / 2 && seconds < ceiling, "attempt \(attempt): \(seconds) s")
            }
        }
    }

    @Test func jitterSpreadsTheRetriesOfOneOutage() {
        var generator = SystemRandomNumberGenerator()
        let delays = Set((0..<20).map { _ in DeliveryRetry.delay(afterAttempt: 5, using: &generator) })
        #expect(delays.count > 10)
    }
}
