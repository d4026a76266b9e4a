import ArgumentParser
import Foundation
import TimelineImport

/// `timelined import gdelt`: diplomatic events from GDELT 2.0 exports, as candidates (contract §10).
struct ImportGdelt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdelt",
        abstract: "Import GDELT 2.0 events export files (*.export.CSV, *.export.CSV.zip) as candidate events.",
        discussion: """
            Visits, meetings, calls, negotiations and signings between two countries become one candidate event per \
            real event, however many rows report it; every report's URL is kept as a source. Rows are grouped across \
            all FILEs of a run. Review candidates with GET /v1/timeline?status=candidate, then confirm or retract them.
            """
    )

    @OptionGroup var options: ImportOptions

    @Argument(help: "GDELT 2.0 events export files, plain or zipped.")
    var files: [String]

    func run() async throws {
        try await options.run(skipReasons: GdeltSkipReason.summaryNames) { configuration, run in
            let progress = ImportProgress()
            let result: GdeltImport.Result
            do throws(GdeltImportError) {
                result = try GdeltImport.read(files: files, settings: configuration.importing.gdelt) { rows in
                    progress.report("\(rows) rows read")
                }
            } catch {
                run.fail(Self.file(of: error), error.description)
                return
            }
            try await run.store(result.records, summarized: result.summary, from: files.joined(separator: ", "))
        }
    }

    private static func file(of error: GdeltImportError) -> String {
        switch error {
        case .cannotOpen(let file, _), .unreadable(let file, _): file
        }
    }
}
