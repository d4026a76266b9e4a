import ArgumentParser
import Foundation
import TimelineCore
import TimelineDaemon
import TimelineStore

struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Store event records from files (a JSON object, a JSON array, NDJSON, or CSV).",
        discussion: "Each file is atomic: every record of it is stored, or, when one is invalid, none."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "Files to ingest: *.json (an object or an array), *.ndjson / *.jsonl (one object a line), or *.csv (a header row, one record a row; see docs/spool.md).")
    var files: [String]

    func run() async throws {
        try await reportingFailure {
            let (configuration, logger) = try await options.load()
            let failed = try await OpenDatabase.using(configuration, schema: .current, logger: logger) { database in
                let ingestor = EventIngestor(pool: database.pool, logger: logger)
                var failed = 0
                for file in files {
                    do {
                        let results = try await ingestor.ingest(try Self.records(in: file))
                        let counts = Dictionary(grouping: results, by: \.status).mapValues(\.count)
                        let line = "\(file): \(results.count) records: \(counts[.created] ?? 0) created, "
                            + "\(counts[.updated] ?? 0) updated, \(counts[.unchanged] ?? 0) unchanged\n"
                        FileHandle.standardOutput.write(Data(line.utf8))
                    } catch {
                        failed += 1
                        FileHandle.standardError.write(Data("timelined: \(file): \(Self.describe(error))\n".utf8))
                    }
                }
                return failed
            }
            if failed > 0 { throw ExitCode.failure }
        }
    }

    static func records(in file: String) throws -> [JSONValue] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw FileUnreadable(reason: (error as NSError).localizedDescription)
        }
        let format: RecordDocument.Format = switch URL(fileURLWithPath: file).pathExtension.lowercased() {
        case "ndjson", "jsonl": .ndjson
        case "json": .json
        case "csv": .csv
        default: RecordDocument.guessFormat(of: data)
        }
        return try RecordDocument.records(in: data, format: format)
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case IngestError.invalid(let errors):
            "nothing stored, \(Set(errors.issues.compactMap(\.index)).count) invalid record(s): \(errors)"
        default:
            "nothing stored: \(error)"
        }
    }
}

struct FileUnreadable: Error, CustomStringConvertible {
    let reason: String
    var description: String { "cannot read: \(reason)" }
}
