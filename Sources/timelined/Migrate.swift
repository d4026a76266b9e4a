import ArgumentParser
import Foundation
import TimelineDaemon

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations, then exit.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await reportingFailure {
            let (configuration, logger) = try await options.load()
            let database = try await OpenDatabase.open(configuration, schema: .migrate, logger: logger)
            await database.close()
        }
    }
}
