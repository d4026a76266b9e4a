import ArgumentParser
import Hummingbird
import TimelineDaemon

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the daemon: HTTP API, migrations, alerts.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await reportingFailure {
            let (configuration, logger) = try await options.load(isDaemon: true)
            logger.info("starting", metadata: [
                "http": "\(configuration.http.host):\(configuration.http.port)",
            ])
            let application = try buildApplication(configuration: configuration, logger: logger)
            try await application.runService()
        }
    }
}
