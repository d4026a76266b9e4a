import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import TimelineDaemon

@Suite("AsyncGate")
struct AsyncGateTests {
    @Test(.timeLimit(.minutes(3))) func waitersPassOnceTheGateOpens() async {
        let gate = AsyncGate()
        let waiters = (0..<3).map { _ in Task { await gate.wait() } }
        #expect(!gate.isOpen)
        gate.open()
        for waiter in waiters { #expect(await waiter.value) }
        #expect(gate.isOpen)
    }

    @Test func anOpenGateLetsWaitersThroughAtOnce() async {
        let gate = AsyncGate(isOpen: true)
        #expect(await gate.wait())
        gate.open()
        #expect(await gate.wait())
    }

    @Test(.timeLimit(.minutes(3))) func aCancelledWaiterStopsWaiting() async {
        let gate = AsyncGate()
        let waiter = Task { await gate.wait() }
        waiter.cancel()
        #expect(await waiter.value == false)
        #expect(!gate.isOpen)
    }

    @Test func aWaiterCancelledBeforeItWaitsDoesNotWait() async {
        let gate = AsyncGate()
        let waiter = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await gate.wait()
        }
        #expect(await waiter.value == false)
    }

    @Test(.timeLimit(.minutes(3))) func aGracefulShutdownEndsTheWait() async throws {
        let gate = AsyncGate()
        let outcome = Outcome()
        let service = GateWaiter(gate: gate, outcome: outcome)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [service], logger: Logger(label: "gate-test")))
        let running = Task { try await group.run() }
        #expect(await outcome.started.wait())
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(outcome.passed.withLock { $0 } == false)
    }
}

/// A service that waits on a gate and records whether it got through.
private struct GateWaiter: Service {
    let gate: AsyncGate
    let outcome: Outcome

    func run() async throws {
        outcome.started.open()
        let passed = await gate.wait()
        outcome.passed.withLock { $0 = passed }
    }
}

private final class Outcome: Sendable {
    let started = AsyncGate()
    let passed = Mutex<Bool?>(nil)
}
