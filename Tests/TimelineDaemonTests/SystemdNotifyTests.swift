import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing

/// `timelined serve` under a stand-in service manager: a datagram socket of the test's own
/// as `NOTIFY_SOCKET`, read the way systemd reads it.
@Suite("systemd notify protocol")
struct SystemdNotifyTests {
    @Test(.timeLimit(.minutes(2))) func onAPathSocketItReportsReadyPingsTheWatchdogAndStops() async throws {
        try await TestDatabase.withPool { _, database in
            let manager = try FakeServiceManager(abstract: false)
            let port = try LocalHTTP.freePort()
            let daemon = try TimelinedBinary.start(["serve"], environment: [
                "NOTIFY_SOCKET": manager.address,
                "WATCHDOG_USEC": "1000000",
                "TIMELINED_DATABASE_URL": database.connectionString.rawValue,
                "TIMELINED_HTTP_PORT": String(port),
            ])
            let log = Task { await daemon.standardErrorText() }

            let untilPinged = try await manager.receive(until: { $0.filter { $0.contains("WATCHDOG=1") }.count >= 3 })
            // READY=1 means ready: the API answers at once.
            #expect(await LocalHTTP.status("http://127.0.0.1:\(port)/readyz") == 200)
            kill(daemon.process.processIdentifier, SIGTERM)
            let untilStopping = try await manager.receive(until: { $0.contains { $0.contains("STOPPING=1") } })
            #expect(await daemon.exitStatus() == 0)
            _ = await log.value

            let messages = untilPinged + untilStopping
            let ready = try #require(messages.firstIndex { $0.contains("READY=1") })
            #expect(messages[0].contains { $0.hasPrefix("STATUS=") })
            #expect(messages[ready].contains("STATUS=serving on 127.0.0.1:\(port)"))
            let firstPing = try #require(messages.firstIndex { $0.contains("WATCHDOG=1") })
            #expect(ready < firstPing)
            #expect(messages.last == ["STOPPING=1"])
            // The cadence (half of WATCHDOG_USEC) is the notifier's unit tests' business; timing
            // it here would only measure how busy the machine is.
            #expect(manager.arrivals(of: "WATCHDOG=1").count >= 3)
        }
    }

    @Test(.timeLimit(.minutes(2))) func onAnAbstractSocketItReportsReadyAndLeavesAnotherProcesssWatchdogAlone() async throws {
        try await TestDatabase.withPool { _, database in
            let manager = try FakeServiceManager(abstract: true)
            #expect(manager.address.hasPrefix("@"))
            let port = try LocalHTTP.freePort()
            let daemon = try TimelinedBinary.start(["serve"], environment: [
                "NOTIFY_SOCKET": manager.address,
                "WATCHDOG_USEC": "200000",
                // The watchdog belongs to some other process (as after a fork): no pings from us.
                "WATCHDOG_PID": "1",
                "TIMELINED_DATABASE_URL": database.connectionString.rawValue,
                "TIMELINED_HTTP_PORT": String(port),
            ])
            let log = Task { await daemon.standardErrorText() }
            let untilReady = try await manager.receive(until: { $0.contains { $0.contains("READY=1") } })
            try await Task.sleep(for: .seconds(1))
            kill(daemon.process.processIdentifier, SIGTERM)
            let untilStopping = try await manager.receive(until: { $0.contains { $0.contains("STOPPING=1") } })
            #expect(await daemon.exitStatus() == 0)
            _ = await log.value

            let messages = untilReady + untilStopping
            #expect(messages.contains { $0.contains("STATUS=serving on 127.0.0.1:\(port)") })
            #expect(!messages.contains { $0.contains("WATCHDOG=1") })
            #expect(messages.last == ["STOPPING=1"])
        }
    }

    @Test(.timeLimit(.minutes(3))) func whileTheDatabaseIsAwayItExtendsTheStartTimeoutAndIsNeverReady() async throws {
        let manager = try FakeServiceManager(abstract: false)
        let daemon = try TimelinedBinary.start(["serve"], environment: [
            "NOTIFY_SOCKET": manager.address,
            "WATCHDOG_USEC": "1000000",
            "TIMELINED_DATABASE_URL": "host=/nonexistent-\(UUID()) dbname=x user=x",
            "TIMELINED_HTTP_PORT": String(try LocalHTTP.freePort()),
        ])
        let log = Task { await daemon.standardErrorText() }
        let waiting = try await manager.receive(until: { $0.contains { $0.contains { $0.hasPrefix("EXTEND_TIMEOUT_USEC=") } } })
        try await Task.sleep(for: .seconds(2))
        kill(daemon.process.processIdentifier, SIGTERM)
        let untilStopping = try await manager.receive(until: { $0.contains { $0.contains("STOPPING=1") } })
        #expect(await daemon.exitStatus() == 0)
        _ = await log.value

        let messages = waiting + untilStopping
        #expect(messages[0].contains("STATUS=waiting for database and schema migrations"))
        let extension_ = try #require(messages[0].first { $0.hasPrefix("EXTEND_TIMEOUT_USEC=") })
        #expect(Int(extension_.dropFirst("EXTEND_TIMEOUT_USEC=".count)).map { $0 > 1_000_000 } == true)
        #expect(!messages.contains { $0.contains("READY=1") || $0.contains("WATCHDOG=1") })
        #expect(messages.last == ["STOPPING=1"])
    }
}

/// The manager's end of `NOTIFY_SOCKET`: a bound unix datagram socket, at a path in a fresh
/// directory or under a random abstract name, that records each datagram's assignments.
final class FakeServiceManager: @unchecked Sendable {
    struct SetupFailed: Error {
        let call: String
        let code: Int32
    }

    struct TimedOut: Error {
        let received: [[String]]
    }

    let address: String
    private let descriptor: Int32
    private let directory: URL?
    /// Every datagram so far with its arrival time; only touched by `receive`, one caller at a time.
    private var log: [(arrived: Date, assignments: [String])] = []

    init(abstract: Bool) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SetupFailed(call: "socket", code: errno) }
        var path: [UInt8]
        if abstract {
            address = "@timelined-test/\(UUID().uuidString)"
            path = [0] + Array(address.utf8.dropFirst())
            directory = nil
        } else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            self.directory = directory
            address = directory.appendingPathComponent("notify").path
            path = Array(address.utf8) + [0]
        }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { $0.copyBytes(from: path) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + path.count)
        let bound = withUnsafePointer(to: &socketAddress) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        guard bound == 0 else { throw SetupFailed(call: "bind", code: errno) }
    }

    deinit {
        close(descriptor)
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// Datagrams received from now until `done` holds for them (or 30 s pass), each split
    /// into its assignments.
    func receive(until done: ([[String]]) -> Bool) async throws -> [[String]] {
        var received: [[String]] = []
        let deadline = Date().addingTimeInterval(30)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !done(received) {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                let assignments = String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\n").map(String.init)
                received.append(assignments)
                log.append((Date(), assignments))
            } else {
                guard Date() < deadline else { throw TimedOut(received: received) }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        return received
    }

    /// When each datagram carrying `assignment` arrived.
    func arrivals(of assignment: String) -> [Date] {
        log.filter { $0.assignments.contains(assignment) }.map(\.arrived)
    }
}
