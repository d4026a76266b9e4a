import Crypto
import Foundation
import TimelineCore
import TimelineImport
import TimelineStore

/// Takes one spool file from the spool to `processed/` or `failed/`, through the ingest core and
/// the import ledger.
///
/// The order is what makes a crash at any moment harmless: the records and the ledger row commit
/// together, before the file moves; the side file is in place before the file. A file still in
/// the spool after a restart is looked up in the ledger first, and one found there is only
/// filed, with the receipt the ledger kept.
struct SpoolFileImporter: Sendable {
    let ledger: SpoolImportLedger
    /// `import.gdelt`, read for every GDELT file so that a reload applies to the next one.
    let gdeltSettings: @Sendable () -> GdeltImportSettings

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A file once read: what the ledger stores of it.
    private struct Content: Sendable {
        let sha256: String
        let records: [JSONValue]
        let origin: IngestOrigin
        /// A GDELT file's figures, which its receipt carries once the store filled in `events`.
        let summary: ImportSummary?
    }

    private enum Reading {
        case read(Content)
        /// Nothing to store: refused, left, or gone.
        case finished(SpoolFileOutcome)
    }

    func process(_ file: SpoolDirectory.Pending, in spool: SpoolDirectory) async -> SpoolFileOutcome {
        let reading = switch file.content {
        case .records(let format): await readRecords(file.name, format: format, in: spool)
        case .gdelt(let zipped): await readGdelt(file, zipped: zipped, in: spool)
        }
        switch reading {
        case .finished(let outcome): return outcome
        case .read(let content): return await store(content, of: file.name, in: spool)
        }
    }

    private func readRecords(_ name: String, format: RecordDocument.Format, in spool: SpoolDirectory) async -> Reading {
        let data: Data
        do throws(SpoolFileSystemError) {
            let contents = try await SpoolDirectory.blocking { () throws(SpoolFileSystemError) in try spool.contents(of: name) }
            guard let contents else { return .finished(.vanished) }
            data = contents
        } catch {
            return .finished(await notRead(name, error, in: spool))
        }
        let sha256 = Self.sha256(of: data)
        let values: [JSONValue]
        do throws(RecordDocumentError) {
            values = try RecordDocument.records(in: data, format: format)
        } catch {
            return .finished(await fail(.malformed(error, file: name, sha256: sha256, at: Self.now()), in: spool))
        }
        // As POST /v1/events answers a body without records.
        guard !values.isEmpty else {
            let none = ValidationErrors(issues: [ValidationIssue(index: nil, field: "", message: "the file contains no records")])
            return .finished(await fail(.invalid(none, file: name, sha256: sha256, at: Self.now()), in: spool))
        }
        return .read(Content(sha256: sha256, records: values, origin: .person, summary: nil))
    }

    /// Malformed lines do not refuse a GDELT file (contract §10): they are in its receipt. Only a
    /// file that cannot be read to its end does.
    private func readGdelt(_ file: SpoolDirectory.Pending, zipped: Bool, in spool: SpoolDirectory) async -> Reading {
        let name = file.name
        let settings = gdeltSettings()
        let gdelt: SpoolGdeltFile
        do throws(SpoolFileSystemError) {
            let read = try await SpoolDirectory.blocking { () throws(SpoolFileSystemError) in
                try spool.reading(file) { opened throws(SpoolFileSystemError) in
                    try SpoolGdeltFile.read(opened, named: name, zipped: zipped, settings: settings)
                }
            }
            guard let read else { return .finished(.vanished) }
            gdelt = read
        } catch {
            return .finished(await notRead(name, error, in: spool))
        }
        switch gdelt.candidates {
        case .success(let candidates):
            return .read(Content(sha256: gdelt.sha256, records: candidates.records, origin: .importer, summary: candidates.summary))
        case .failure(let error):
            return .finished(await fail(.unreadable(error, file: name, sha256: gdelt.sha256, at: Self.now()), in: spool))
        }
    }

    private func store(_ content: Content, of name: String, in spool: SpoolDirectory) async -> SpoolFileOutcome {
        let sha256 = content.sha256
        let outcome: SpoolImportOutcome
        do throws(IngestError) {
            if let earlier = try await ledger.receipt(file: name, sha256: sha256) {
                outcome = .alreadyImported(earlier)
            } else {
                let summary = content.summary
                outcome = try await ledger.import(content.records, file: name, sha256: sha256, origin: content.origin) { results in
                    guard var summary else { return nil }
                    summary.count(results)
                    return summary.json
                }
            }
        } catch {
            switch error {
            case .invalid(let errors):
                return await fail(.invalid(errors, file: name, sha256: sha256, at: Self.now()), in: spool)
            case .database:
                // An outage is no fault of the file: it stays for a later scan.
                return .deferred(error)
            }
        }
        do {
            let receipt = try Self.encoder.encode(outcome.receipt)
            let storedAs = try await SpoolDirectory.blocking { () throws(SpoolFileSystemError) in
                try spool.file(name, into: .processed, sideFile: receipt, sha256: sha256)
            }
            return switch outcome {
            case .imported(let receipt): .imported(receipt, storedAs: storedAs)
            case .alreadyImported(let receipt): .alreadyImported(receipt, storedAs: storedAs)
            }
        } catch {
            return .deferred(error)
        }
    }

    /// A file that could not be opened or read: out of descriptors, no longer a plain file, too
    /// large or unreadable.
    private func notRead(_ name: String, _ error: SpoolFileSystemError, in spool: SpoolDirectory) async -> SpoolFileOutcome {
        if error.isTransient { return .deferred(error) }
        if error.isNotAPlainFile { return .skipped(error) }
        return await fail(.notRead(error, file: name, at: Self.now()), in: spool)
    }

    private func fail(_ report: SpoolErrorReport, in spool: SpoolDirectory) async -> SpoolFileOutcome {
        do {
            let document = try Self.encoder.encode(report)
            let storedAs = try await SpoolDirectory.blocking { () throws(SpoolFileSystemError) in
                try spool.file(report.file, into: .failed, sideFile: document, sha256: report.sha256)
            }
            return .failed(report, storedAs: storedAs)
        } catch {
            return .deferred(error)
        }
    }

    /// Hex, as the ledger and the side files name a file's content.
    static func sha256(of data: Data) -> String {
        SHA256.hash(data: data).hex
    }

    private static func now() -> String {
        Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
