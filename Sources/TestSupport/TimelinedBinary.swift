import Foundation
import TimelineCore

/// The `timelined` executable that `swift build` put beside this test bundle, run as an
/// operator would run it.
public enum TimelinedBinary {
    public static var path: String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On Linux the tests run from <bin>/timelinedPackageTests.xctest; a bundle layout nests deeper.
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("timelined").path),
              directory.pathComponents.count > 1 {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("timelined").path
    }

    public struct Outcome: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// Runs `timelined ARGUMENTS` to completion with a clean environment plus `environment`.
    public static func run(_ arguments: [String], environment: [String: String]) async throws -> Outcome {
        let process = try start(arguments, environment: environment)
        async let output = process.standardOutputText()
        async let error = process.standardErrorText()
        let status = await process.exitStatus()
        return Outcome(status: status, standardOutput: await output, standardError: await error)
    }

    public static func start(_ arguments: [String], environment: [String: String]) throws -> RunningTimelined {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        process.environment = base.merging(environment) { _, new in new }
        let running = RunningTimelined(process: process)
        process.standardOutput = running.output
        process.standardError = running.error
        try process.run()
        return running
    }
}

public final class RunningTimelined: @unchecked Sendable {
    public let process: Process
    public let output = Pipe()
    public let error = Pipe()

    init(process: Process) {
        self.process = process
    }

    /// Everything the process writes to stdout, once it closes it.
    public func standardOutputText() async -> String {
        await Self.readToEnd(output)
    }

    /// Everything the process writes to stderr, once it closes it.
    public func standardErrorText() async -> String {
        await Self.readToEnd(error)
    }

    private static func readToEnd(_ pipe: Pipe) async -> String {
        await onOwnThread { String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
    }

    public func exitStatus() async -> Int32 {
        await onOwnThread {
            self.process.waitUntilExit()
            return self.process.terminationStatus
        }
    }
}
