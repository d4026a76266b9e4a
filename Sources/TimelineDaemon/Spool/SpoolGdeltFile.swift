import Crypto
import TimelineCore
import TimelineImport

/// A GDELT export file of the spool (contract §10), read through its checked descriptor without
/// ever holding it: the SHA-256 of its bytes, and the candidate events with the file's summary.
///
/// A plain file is hashed and parsed in one pass over the descriptor. A `.zip` is hashed from
/// the descriptor first, then inflated by ZIPFoundation, which opens archives only by path:
/// it is given `/proc/self/fd/N` of the same descriptor, so it reads the inode that was checked
/// (a regular file with one link, within the limit) even if the name was swapped for a link in
/// between; the name in the spool is never looked up again.
struct SpoolGdeltFile {
    typealias Candidates = (records: [JSONValue], summary: ImportSummary)

    let sha256: String
    /// An error when the file cannot be read to its end (a damaged zip). Malformed lines are no
    /// such error: they are in the summary.
    let candidates: Result<Candidates, GdeltImportError>

    static func read(
        _ file: SpoolOpenFile, named name: String, zipped: Bool, settings: GdeltImportSettings
    ) throws(SpoolFileSystemError) -> SpoolGdeltFile {
        var hasher = SHA256()
        var importer = GdeltImporter(settings: settings)
        guard zipped else {
            importer.beginFile(name)
            try file.readChunks { chunk in
                hasher.update(bufferPointer: chunk)
                importer.consume(chunk)
            }
            importer.endFile()
            return SpoolGdeltFile(sha256: hasher.finalize().hex, candidates: .success((importer.records, importer.summary)))
        }
        try file.readChunks { hasher.update(bufferPointer: $0) }
        let sha256 = hasher.finalize().hex
        do throws(GdeltImportError) {
            try GdeltImport.readFile(file.descriptorPath, reportedAs: name, into: &importer)
            return SpoolGdeltFile(sha256: sha256, candidates: .success((importer.records, importer.summary)))
        } catch {
            return SpoolGdeltFile(sha256: sha256, candidates: .failure(error))
        }
    }
}
