@testable import EmbeddedPostgres
import Foundation

/// Runs one SQL statement through the system's `psql`, as an outside client would connect.
/// Returns its trimmed output, or nil when psql fails (e.g. no server).
func psql(_ connection: String, _ sql: String) async throws -> String? {
    let outcome = try await ProgramRun.run(
        "/usr/bin/psql", ["--no-psqlrc", "--tuples-only", "--no-align", "--quiet",
                          "--set=ON_ERROR_STOP=1", "--dbname=\(connection)", "--command=\(sql)"],
        in: "/"
    )
    return outcome.succeeded ? outcome.output.trimmingCharacters(in: .whitespacesAndNewlines) : nil
}
