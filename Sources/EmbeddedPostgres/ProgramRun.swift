import Subprocess

/// Runs a program to its end with no input, its stdout and stderr collected together.
enum ProgramRun {
    /// Far above the few lines initdb, pg_ctl or createdb print, and reserved up front;
    /// a program printing more is stopped and its run fails.
    static let outputLimit = 64 * 1024

    /// - Parameter directory: the working directory; the programs need one they may enter
    ///   (initdb fails in an unreadable one).
    static func run(
        _ executable: String, _ arguments: [String], in directory: String, as account: ClusterAccount = .current
    ) async throws(EmbeddedPostgresError) -> ProgramOutcome {
        let (executable, arguments) = account.command(executable, arguments)
        // Subprocess kills its child when the awaiting task is cancelled. A daemon shutting down
        // cancels its services, and `pg_ctl stop` killed half-way would leave the server running:
        // the program runs in a task of its own, which no cancellation reaches.
        let running = Task { () async throws -> ProgramOutcome in
            let result = try await Subprocess.run(
                .path(.init(executable)),
                arguments: Arguments(arguments),
                workingDirectory: .init(directory),
                output: .bytes(limit: outputLimit),
                error: .combinedWithOutput
            )
            return ProgramOutcome(
                termination: result.terminationStatus,
                output: String(decoding: result.standardOutput, as: UTF8.self)
            )
        }
        do {
            return try await running.value
        } catch {
            // Subprocess's descriptions are sentences; ours go on after the reason with "; ".
            let reason = String(describing: error)
            throw .launchFailed(program: executable, reason: reason.hasSuffix(".") ? String(reason.dropLast()) : reason)
        }
    }
}
