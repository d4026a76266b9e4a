import ArgumentParser
import Foundation
import TimelineDaemon

struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration and print the effective values, without starting."
    )

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await reportingFailure {
            let (configuration, _) = try await options.load()
            let lines = configuration.summary.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
