import TimelineCore

/// What the CLI and the spool call (contract §10): reads GDELT 2.0 export files (plain or
/// `.zip`) and returns one candidate record per real event with the run's summary. The records
/// still need storing, which fills the summary's `events` figures.
///
/// Files are streamed in 1 MiB chunks. Rows are grouped across all the files of a call, and a
/// group can take rows from anywhere in them, so the records come at the end: memory grows with
/// the number of groups (taken rows of distinct events), never with the number of rows read.
public enum GdeltImport {
    public struct Result: Sendable {
        /// Record documents (the v1 record format plus `"status": "candidate"`), in `key` order.
        public let records: [JSONValue]
        public let summary: ImportSummary
    }

    /// `progress` is called after every chunk with the rows read so far in this call, for a
    /// caller that reports on long files (it decides how often to print).
    public static func read(
        files: [String], settings: GdeltImportSettings, progress: (_ rowsRead: Int) -> Void = { _ in }
    ) throws(GdeltImportError) -> Result {
        var importer = GdeltImporter(settings: settings)
        for file in files {
            try readFile(file, reportedAs: file, into: &importer, progress: progress)
        }
        return Result(records: importer.records, summary: importer.summary)
    }

    /// Reads one file, opened at `path`, into `importer`; its malformed lines and errors name it
    /// `name`, whose ending (`.zip` or not) says how to read it.
    public static func readFile(
        _ path: String, reportedAs name: String, into importer: inout GdeltImporter,
        progress: (_ rowsRead: Int) -> Void = { _ in }
    ) throws(GdeltImportError) {
        importer.beginFile(name)
        try GdeltFileReader.read(path, reportedAs: name) { chunk in
            importer.consume(chunk)
            progress(importer.summary.rowsRead)
        }
        importer.endFile()
    }
}
