import Foundation
import TimelineCore
import TimelineDaemon
import TimelineImport
import TimelineStore

/// One `timelined import` run: stores each source's records through the ingest path every other
/// way in uses (validated as a batch, stored in one transaction, keyed records updated in place),
/// as an importer, so that what a person decided stays (contract §9), and adds up the summary.
struct ImportRun {
    private let ingestor: EventIngestor
    private(set) var summary: ImportSummary
    /// Sources that could not be opened, read or understood: the run ends non-zero.
    private(set) var failedSources = 0

    init(ingestor: EventIngestor, skipReasons: [String]) {
        self.ingestor = ingestor
        summary = ImportSummary(skipReasons: skipReasons)
    }

    /// Stores one source's records — all of them or, when one is refused, none — and adds its
    /// figures. A database error ends the run.
    mutating func store(_ records: [JSONValue], summarized figures: ImportSummary, from source: String) async throws {
        var figures = figures
        do {
            figures.count(try await ingestor.ingest(records, origin: .importer))
        } catch .invalid(let errors) {
            fail(source, "nothing stored, records refused: \(errors)")
            return
        }
        summary.merge(figures)
        progress("\(source): \(figures.rowsRead) rows, \(records.count) records stored")
    }

    /// A source that is not what the importer reads at all: reported in the summary as a malformed
    /// line 0 and on stderr; the run ends non-zero.
    mutating func refuse(_ source: String, because reason: String) {
        summary.files += 1
        summary.reportMalformed(MalformedLine(file: source, line: 0, reason: reason))
        fail(source, reason)
    }

    /// A source that could not be opened or read.
    mutating func fail(_ source: String, _ reason: String) {
        failedSources += 1
        progress("\(source): \(reason)")
    }

    private func progress(_ line: String) {
        FileHandle.standardError.write(Data("timelined: \(line)\n".utf8))
    }
}
