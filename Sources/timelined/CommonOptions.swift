import ArgumentParser
import Foundation
import Logging
import TimelineDaemon

/// What every command accepts: the configuration file.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: \(DaemonConfiguration.defaultPath) when it exists).")
    var config: String?

    /// Loads the configuration and sets up logging from it.
    func load() async throws -> (DaemonConfiguration, Logger) {
        let configuration = try await DaemonConfiguration.load(path: config)
        let journal = StructuredLogHandler.stderrIsJournal()
        LoggingSystem.bootstrap { label in
            StructuredLogHandler(
                label: label, level: configuration.log.level,
                format: configuration.log.format == .json ? .json : .logfmt, journalPrefix: journal
            )
        }
        return (configuration, Logger(label: "timelined"))
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
