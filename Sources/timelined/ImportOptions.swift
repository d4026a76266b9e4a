import ArgumentParser
import Foundation
import TimelineDaemon
import TimelineImport
import TimelineStore

/// What every `timelined import` source shares: the configuration and database opened as by the
/// other commands, `--json`, the one summary on stdout and the exit status of contract §10.
struct ImportOptions: ParsableArguments {
    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Print the summary as JSON, the only thing on stdout (messages go to stderr).")
    var json = false

    /// Runs `body` on an open database, then prints the run's summary; non-zero exit when a source
    /// could not be read.
    func run(
        skipReasons: [String], _ body: (DaemonConfiguration, inout ImportRun) async throws -> Void
    ) async throws {
        try await reportingFailure {
            let (configuration, logger) = try await common.load()
            let run = try await OpenDatabase.using(configuration, schema: .current, logger: logger) { database in
                var run = ImportRun(ingestor: EventIngestor(pool: database.pool, logger: logger), skipReasons: skipReasons)
                try await body(configuration, &run)
                return run
            }
            let summary = json ? run.summary.json.canonicalText : run.summary.text
            FileHandle.standardOutput.write(Data((summary + "\n").utf8))
            if run.failedSources > 0 { throw ExitCode.failure }
        }
    }
}
