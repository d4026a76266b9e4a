import Crypto
import Foundation
import TimelineCore
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

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func process(_ file: SpoolDirectory.Pending, in spool: SpoolDirectory) async -> SpoolFileOutcome {
        let name = file.name
        let data: Data
        do throws(SpoolFileSystemError) {
            let contents = try await SpoolDirectory.blocking { () throws(SpoolFileSystemError) in try spool.contents(of: name) }
            guard let contents else { return .vanished }
            data = contents
        } catch where error.isTransient {
            return .deferred(error)
        } catch where error.isNotAPlainFile {
            return .skipped(error)
        } catch {
            return await fail(.notRead(error, file: name, at: Self.now()), in: spool)
        }
        let sha256 = Self.sha256(of: data)
        let outcome: SpoolImportOutcome
        do throws(IngestError) {
            if let earlier = try await ledger.receipt(file: name, sha256: sha256) {
                outcome = .alreadyImported(earlier)
            } else {
                let values: [JSONValue]
                do throws(RecordDocumentError) {
                    values = try RecordDocument.records(in: data, format: file.format)
                } catch {
                    return await fail(.malformed(error, file: name, sha256: sha256, at: Self.now()), in: spool)
                }
                // As POST /v1/events answers a body without records.
                guard !values.isEmpty else {
                    let none = ValidationErrors(issues: [ValidationIssue(index: nil, field: "", message: "the file contains no records")])
                    return await fail(.invalid(none, file: name, sha256: sha256, at: Self.now()), in: spool)
                }
                outcome = try await ledger.import(values, file: name, sha256: sha256)
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
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    private static func now() -> String {
        Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
