import ArgumentParser
import TimelineDaemon

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the daemon: HTTP API, migrations, alerts.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        MemoryArenas.limitForDaemon()
        try await reportingFailure {
            let (configuration, logger, logLevel) = try await options.loadWithLogLevel(isDaemon: true)
            logger.info("starting", metadata: [
                "http": "\(configuration.http.host):\(configuration.http.port)",
            ])
            let daemon = try await buildDaemon(
                configuration: configuration, configurationPath: options.config, logLevel: logLevel, logger: logger)
            try await daemon.run()
        }
    }
}
