import ArgumentParser
import Foundation
import Logging
import TimelineDaemon

/// What every command accepts: the configuration file.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: \(DaemonConfiguration.defaultPath) when it exists).")
    var config: String?

    @Flag(name: .long, help: "Log progress to stderr at the configured log.level (the daemon always does).")
    var verbose = false

    /// Loads the configuration and sets up logging from it. One-shot commands keep stderr
    /// for their one line of failure unless asked to be verbose.
    func load(isDaemon: Bool = false) async throws -> (DaemonConfiguration, Logger) {
        let (configuration, logger, _) = try await loadWithLogLevel(isDaemon: isDaemon)
        return (configuration, logger)
    }

    /// `load`, also handing out the level every logger reads, for the daemon to reload.
    func loadWithLogLevel(isDaemon: Bool) async throws -> (DaemonConfiguration, Logger, Reloadable<Logger.Level>) {
        let configuration = try await DaemonConfiguration.load(path: config)
        let journal = StructuredLogHandler.stderrIsJournal()
        // One socket for every logger; without one, notification lines stay on stderr.
        let journalSocket = journal ? JournalSocket() : nil
        let level = Reloadable(isDaemon || verbose ? configuration.log.level : .critical)
        LoggingSystem.bootstrap { label in
            StructuredLogHandler(
                label: label, level: { level.current },
                format: configuration.log.format == .json ? .json : .logfmt, journalPrefix: journal, journal: journalSocket
            )
        }
        return (configuration, Logger(label: "timelined"), level)
    }
}

/// Runs a command body; any error becomes one line on stderr and exit status 1.
func reportingFailure(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("timelined: \(error)\n".utf8))
        throw ExitCode.failure
    }
}
