import Foundation
import Logging
import Testing
@testable import TimelineDaemon

/// How the daemon reads what systemd puts in its environment, and one datagram sent for real.
@Suite("systemd environment")
struct SystemdNotifyEnvironmentTests {
    private let logger = Logger(label: "test")

    @Test func anAbstractNameStartsWithNULAndIsNotTerminated() throws {
        #expect(try NotifySocketAddress("@name").path == [0] + Array("name".utf8))
        #expect(try NotifySocketAddress("/run/systemd/notify").path == Array("/run/systemd/notify".utf8) + [0])
    }

    @Test func otherAddressesAreRefused() {
        #expect(throws: SystemdNotifyError.unsupportedAddress("relative/path")) { try NotifySocketAddress("relative/path") }
        let long = "/" + String(repeating: "x", count: 200)
        #expect(throws: SystemdNotifyError.addressTooLong(long)) { try NotifySocketAddress(long) }
    }

    @Test func withoutNotifySocketThereIsNothingToNotifyAndNoWatchdog() {
        let environment = SystemdEnvironment(environment: ["WATCHDOG_USEC": "1000000"], processID: 42, logger: logger)
        #expect(environment.notifier == nil)
        #expect(environment.watchdogPingInterval == nil)
    }

    @Test func theWatchdogIsPingedAtHalfItsIntervalOnlyWhenItIsOurs() {
        let ours = SystemdEnvironment(environment: ["NOTIFY_SOCKET": "@m", "WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "42"], processID: 42, logger: logger)
        #expect(ours.watchdogPingInterval == .milliseconds(500))
        let unnamed = SystemdEnvironment(environment: ["NOTIFY_SOCKET": "@m", "WATCHDOG_USEC": "30000000"], processID: 42, logger: logger)
        #expect(unnamed.watchdogPingInterval == .seconds(15))
        let theirs = SystemdEnvironment(environment: ["NOTIFY_SOCKET": "@m", "WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "7"], processID: 42, logger: logger)
        #expect(theirs.notifier != nil)
        #expect(theirs.watchdogPingInterval == nil)
    }

    @Test(arguments: [false, true]) func oneNotificationIsOneDatagram(abstract: Bool) async throws {
        let manager = try FakeServiceManager(abstract: abstract)
        let notifier = SystemdNotifier(address: try NotifySocketAddress(manager.address))
        try notifier.notify(["READY=1", "STATUS=serving"])
        #expect(try await manager.receive(until: { !$0.isEmpty }) == [["READY=1", "STATUS=serving"]])
    }

    @Test func aManagerThatIsGoneIsAnError() throws {
        let notifier = SystemdNotifier(address: try NotifySocketAddress("/nonexistent-\(UUID())/notify"))
        #expect(throws: SystemdNotifyError.sendFailed(errno: ENOENT)) { try notifier.notify(["READY=1"]) }
    }
}
