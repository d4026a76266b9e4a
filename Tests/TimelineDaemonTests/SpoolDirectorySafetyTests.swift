import Foundation
import Testing
import TimelineImport

@testable import TimelineDaemon

/// docs/spool.md, "Links and ownership": whoever may write to the spool gets the daemon to read
/// or write nothing outside it. Real files, `SpoolDirectory` called as the watcher calls it.
@Suite("Spool directory safety")
struct SpoolDirectorySafetyTests {
    /// What a planted link points to: it must never appear in the spool, a report or an error.
    private static let secret = "db.internal:5432:*:timelined:pgpass-secret-7f3a\n"

    /// A spool, a directory outside it, and the spool opened with `maxFileBytes`.
    private func withSpool(maxFileBytes: Int = 1 << 20, _ body: (TestSpool, URL, SpoolDirectory) throws -> Void) throws {
        let spool = try TestSpool()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("timelined-outside-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer {
            spool.remove()
            try? FileManager.default.removeItem(at: outside)
        }
        try body(spool, outside, try SpoolDirectory(path: spool.path, maxFileBytes: maxFileBytes, maxGdeltFileBytes: maxFileBytes))
    }

    private func writeSecret(in directory: URL) throws -> URL {
        let file = directory.appendingPathComponent("pgpass")
        try Data(Self.secret.utf8).write(to: file)
        return file
    }

    @Test func aReceiptIsNotWrittenThroughALinkPlantedUnderItsTemporaryName() throws {
        try withSpool { spool, outside, directory in
            let victim = outside.appendingPathComponent("victim.conf")
            try Data("original\n".utf8).write(to: victim)
            try spool.drop("ok.json", "{}")
            _ = try directory.pendingFiles()
            try FileManager.default.createSymbolicLink(
                at: spool.url.appendingPathComponent("processed/.ok.json.receipt.json.tmp"), withDestinationURL: victim)

            let receipt = Data(#"{"file": "ok.json", "sha256": "00"}"#.utf8)
            #expect(try directory.file("ok.json", into: .processed, sideFile: receipt, sha256: "00") == "ok.json")
            #expect(try String(contentsOf: victim, encoding: .utf8) == "original\n")
            #expect(spool.names(in: "processed") == ["ok.json", "ok.json.receipt.json"])
            let written = spool.url.appendingPathComponent("processed/ok.json.receipt.json")
            #expect(try FileManager.default.attributesOfItem(atPath: written.path)[.type] as? FileAttributeType == .typeRegular)
            #expect(try Data(contentsOf: written) == receipt)
        }
    }

    @Test func aFailedDirectoryThatIsALinkGetsNothingAndTheFileStays() throws {
        try withSpool { spool, outside, directory in
            try spool.drop("bad.json", "[")
            try FileManager.default.createSymbolicLink(at: spool.url.appendingPathComponent("failed"), withDestinationURL: outside)

            let error = #expect(throws: SpoolFileSystemError.self) { try directory.pendingFiles() }
            #expect(error?.isUnsafeDirectory == true)
            #expect(error?.description == "cannot use \(spool.path)/failed: it is a symbolic link, and the spool follows none")
            #expect(throws: SpoolFileSystemError.self) {
                try directory.file("bad.json", into: .failed, sideFile: Data("{}".utf8), sha256: nil)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
            #expect(spool.names() == ["bad.json", "failed", "processed"])
        }
    }

    @Test func aFileSwappedForALinkToASecretIsNeverRead() throws {
        try withSpool { spool, outside, directory in
            let secret = try writeSecret(in: outside)
            try spool.drop("z.csv", "kind,title,date\nvisit,Z,2023\n")
            #expect(try directory.pendingFiles().map(\.name) == ["z.csv"])
            // After the listing, before the import.
            let entry = spool.url.appendingPathComponent("z.csv")
            try FileManager.default.removeItem(at: entry)
            try FileManager.default.createSymbolicLink(at: entry, withDestinationURL: secret)

            let error = #expect(throws: SpoolFileSystemError.self) { try directory.contents(of: "z.csv") }
            #expect(error?.isNotAPlainFile == true)
            #expect(error?.description == "cannot open \(spool.path)/z.csv: it is a symbolic link, and the spool follows none")
            #expect(try directory.pendingFiles().isEmpty)
            #expect(spool.names(in: "failed").isEmpty)
        }
    }

    @Test func aGdeltFileSwappedForALinkIsNeverRead() throws {
        try withSpool { spool, outside, directory in
            let secret = try writeSecret(in: outside)
            try spool.drop("x.export.CSV", "not read\n")
            let file = try #require(try directory.pendingFiles().first)
            // After the listing, before the import.
            let entry = spool.url.appendingPathComponent(file.name)
            try FileManager.default.removeItem(at: entry)
            try FileManager.default.createSymbolicLink(at: entry, withDestinationURL: secret)

            let error = #expect(throws: SpoolFileSystemError.self) { try directory.reading(file) { _ in () } }
            #expect(error?.problem == .symbolicLink)
            #expect(try directory.pendingFiles().isEmpty)
        }
    }

    /// ZIPFoundation opens archives by path: it is given the checked descriptor's
    /// `/proc/self/fd/N`, which is the file that was checked whatever its name has become.
    @Test func aZippedGdeltFileIsInflatedFromTheCheckedDescriptorThoughItsNameIsSwapped() throws {
        try withSpool { spool, outside, directory in
            let secret = try writeSecret(in: outside)
            try spool.drop(GdeltExample.name + ".zip", try GdeltExample.zipped())
            let file = try #require(try directory.pendingFiles().first)
            let entry = spool.url.appendingPathComponent(file.name)
            let read = try directory.reading(file) { opened throws(SpoolFileSystemError) in
                // After the checks, before the archive is opened.
                try? FileManager.default.removeItem(at: entry)
                try? FileManager.default.createSymbolicLink(at: entry, withDestinationURL: secret)
                return try SpoolGdeltFile.read(opened, named: file.name, zipped: true, settings: GdeltImportSettings())
            }
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: entry.path) == secret.path)
            let candidates = try #require(try read?.candidates.get())
            #expect(candidates.summary.rowsRead == 2111)
            #expect(candidates.records.count == 49)
        }
    }

    @Test func aHardLinkIsNeitherListedNorRead() throws {
        try withSpool { spool, outside, directory in
            try FileManager.default.linkItem(at: try writeSecret(in: outside), to: spool.url.appendingPathComponent("h.csv"))

            #expect(try directory.pendingFiles().isEmpty)
            let error = #expect(throws: SpoolFileSystemError.self) { try directory.contents(of: "h.csv") }
            #expect(error?.problem == .hardLinked(links: 2))
            #expect(error?.description.contains(Self.secret) == false)
        }
    }

    @Test func aFileLargerThanTheLimitIsNotRead() throws {
        try withSpool(maxFileBytes: 64) { spool, _, directory in
            try spool.drop("big.ndjson", String(repeating: "x", count: 65))
            try spool.drop("fits.ndjson", String(repeating: "x", count: 64))

            #expect(try directory.pendingFiles().map(\.name) == ["big.ndjson", "fits.ndjson"])
            let error = #expect(throws: SpoolFileSystemError.self) { try directory.contents(of: "big.ndjson") }
            #expect(error?.problem == .tooLarge(bytes: 65, limit: .requestBody(64)))
            #expect(error?.description.hasSuffix("more than the limit of 64 bytes (http.max_body_bytes)") == true)
            #expect(try directory.contents(of: "fits.ndjson")?.count == 64)
        }
    }

    @Test(.enabled(if: geteuid() == 0, "chown to another user needs root"))
    func aProcessedDirectoryOfAnotherUserIsRefusedAndNothingMoves() throws {
        try withSpool { spool, _, directory in
            try spool.drop("ok.json", "{}")
            let processed = spool.path + "/processed"
            try FileManager.default.createDirectory(atPath: processed, withIntermediateDirectories: false)
            try #require(chown(processed, 65534, 65534) == 0)

            let error = #expect(throws: SpoolFileSystemError.self) { try directory.pendingFiles() }
            #expect(error?.isUnsafeDirectory == true)
            #expect(error?.description == "cannot use \(processed): it belongs to uid 65534, not to the daemon's uid \(geteuid())")
            #expect(throws: SpoolFileSystemError.self) {
                try directory.file("ok.json", into: .processed, sideFile: Data("{}".utf8), sha256: nil)
            }
            #expect(spool.names(in: "processed").isEmpty)
            #expect(spool.names().contains("ok.json"))
        }
    }
}
