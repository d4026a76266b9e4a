import ArgumentParser
import Foundation
import TimelineDaemon

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations, then exit.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await reportingFailure {
            let (configuration, logger) = try await options.load()
            let applied = try await OpenDatabase.using(configuration, schema: .migrate, logger: logger) { $0.appliedMigrations }
            let line = applied.isEmpty ? "schema current, nothing to apply" : "applied \(applied.joined(separator: ", "))"
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}
