import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TimelineCore

/// Debian's `prometheus-alertmanager` on a free loopback port, with a throwaway storage
/// directory and clustering off, for as long as a test needs it. Unchecked: the process is only
/// started in `init` and stopped in `stop()`.
final class RunningAlertmanager: @unchecked Sendable {
    static let binary = "/usr/bin/prometheus-alertmanager"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    let url: String
    private let process = Process()

    init() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alertmanager-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Every alert goes to a receiver with no integrations: the test reads the API, not a mailbox.
        let configuration = directory.appendingPathComponent("alertmanager.yml")
        try "route:\n  receiver: nowhere\nreceivers:\n  - name: nowhere\n".write(to: configuration, atomically: true, encoding: .utf8)
        let port = try LocalHTTP.freePort()
        url = "http://127.0.0.1:\(port)"
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "--config.file=\(configuration.path)", "--storage.path=\(directory.path)",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // Its storage goes once it has exited: `stop()` does not wait for that on a task's thread.
        process.terminationHandler = { _ in try? FileManager.default.removeItem(at: directory) }
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        guard await LocalHTTP.waitFor("\(url)/-/ready", 200, seconds: 30) else {
            stop()
            throw AlertmanagerDidNotStart(url: url)
        }
    }

    /// The alerts Alertmanager holds (`GET /api/v2/alerts`), active ones only unless asked.
    func alerts() async throws -> [JSONValue] {
        let (body, _) = try await URLSession.shared.data(from: URL(string: "\(url)/api/v2/alerts")!)
        return try JSONValue(parsing: Array(body)).arrayValue ?? []
    }

    func stop() {
        if process.isRunning { process.terminate() }
    }

    struct AlertmanagerDidNotStart: Error {
        let url: String
    }
}
