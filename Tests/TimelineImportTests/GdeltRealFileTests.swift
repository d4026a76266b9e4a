import Foundation
import TestSupport
import Testing
import TimelineCore
import TimelineImport

/// The real export file of 2019-10-24 14:30 (2,111 rows) end to end: the figures contract §10
/// gives for it.
@Suite struct GdeltRealFileTests {
    private func expectContractFigures(_ summary: ImportSummary, records: [JSONValue]) {
        #expect(summary.files == 1)
        #expect(summary.rowsRead == 2_111)
        #expect(summary.rowsTaken == 160)
        #expect(summary.rowsMalformed == 0)
        #expect(summary.count(skippedFor: "code") == 1_609)
        #expect(summary.count(skippedFor: "actors") == 342)
        #expect(summary.count(skippedFor: "sources") == 0)
        #expect(summary.count(skippedFor: "root") == 0)
        #expect(records.count == 49)
    }

    @Test func theRealFileGivesTheContractFigures() throws {
        let result = try GdeltImport.read(files: [GdeltFixtures.realFile.path], settings: GdeltImportSettings())
        expectContractFigures(result.summary, records: result.records)
        #expect(Set(result.records.compactMap { $0["key"] }).count == 49)
        #expect(result.records.allSatisfy { $0["status"] == "candidate" })
    }

    @Test func itsZipGivesTheSameRecords() throws {
        let plain = try GdeltImport.read(files: [GdeltFixtures.realFile.path], settings: GdeltImportSettings())
        let zipped = try GdeltImport.read(files: [GdeltFixtures.realZip.path], settings: GdeltImportSettings())
        expectContractFigures(zipped.summary, records: zipped.records)
        #expect(zipped.records == plain.records)
    }

    @Test func everyRecordValidates() throws {
        let result = try GdeltImport.read(files: [GdeltFixtures.realFile.path], settings: GdeltImportSettings())
        var validator = RecordBatchValidator()
        for record in result.records { validator.add(GdeltGroupingTests.withoutStatus(record)) }
        let records = try validator.finish().get()
        #expect(records.count == 49)
        #expect(records.allSatisfy { $0.tags.contains("gdelt") && $0.actors.count == 2 && !$0.sources.isEmpty })
    }

    @Test func aKnownEvent() throws {
        let result = try GdeltImport.read(files: [GdeltFixtures.realFile.path], settings: GdeltImportSettings())
        let visits = result.records.filter { $0["kind"] == "visit" }
        #expect(!visits.isEmpty)
        for visit in visits {
            let title = try #require(visit["title"]?.stringValue)
            #expect(title.contains(" visit to "))
        }
    }

    /// Any order of the rows, fed in chunks of any size, gives the same records.
    @Test(arguments: 0..<12 as Range<UInt64>)
    func anyPermutationOfTheRowsGivesTheSameEvents(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let lines = try GdeltFixtures.realLines()
        let reference = GdeltFixtures.importBytes(GdeltFixtures.file(lines))
        let shuffled = GdeltFixtures.importBytes(
            GdeltFixtures.file(lines.shuffled(using: &random)), chunkSize: Int.random(in: 1...70_000, using: &random))
        #expect(shuffled.records == reference.records)
        #expect(shuffled.summary == reference.summary)
    }

    @Test func twoFilesAreGroupedTogether() throws {
        let file = GdeltFixtures.realFile.path
        let result = try GdeltImport.read(files: [file, file], settings: GdeltImportSettings())
        let single = try GdeltImport.read(files: [file], settings: GdeltImportSettings())
        #expect(result.summary.files == 2)
        #expect(result.summary.rowsRead == 4_222)
        #expect(result.records == single.records)
    }

    @Test func progressReportsTheRowsRead() throws {
        var reported: [Int] = []
        _ = try GdeltImport.read(files: [GdeltFixtures.realFile.path], settings: GdeltImportSettings()) { reported.append($0) }
        #expect(reported.last == 2_111)
        #expect(reported == reported.sorted())
    }

    @Test func theRealFileCutMidLine() throws {
        let bytes = try GdeltFixtures.realBytes()
        let lines = try GdeltFixtures.realLines()
        // Cut 10 bytes into line 1,000: 999 whole lines, then a piece.
        let cut = lines[0..<999].reduce(0) { $0 + $1.count + 1 } + 10
        let (records, summary) = GdeltFixtures.importBytes(Array(bytes[0..<cut]))
        #expect(summary.rowsRead == 1_000)
        #expect(summary.malformedLines == [
            MalformedLine(file: "test.export.CSV", line: 1_000, reason: "the file ends in the middle of this line (no line feed after it)")
        ])
        let whole = GdeltFixtures.importBytes(GdeltFixtures.file(Array(lines[0..<999])))
        #expect(records == whole.records)
        #expect(summary.rowsTaken == whole.summary.rowsTaken)
    }

    @Test func aZipMadeHereIsStreamedToo() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gdelt-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("20191024143000.EXPORT.csv.ZIP")
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", "-c",
            "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED).write(sys.argv[2], 'member.CSV')",
            zip.path, GdeltFixtures.realFile.path,
        ]
        try python.run()
        await onOwnThread { python.waitUntilExit() }
        try #require(python.terminationStatus == 0)
        let result = try GdeltImport.read(files: [zip.path], settings: GdeltImportSettings())
        expectContractFigures(result.summary, records: result.records)
    }

    @Test func unreadableFilesAreErrors() throws {
        #expect(throws: GdeltImportError.self) {
            try GdeltImport.read(files: ["/nonexistent/20191024143000.export.CSV"], settings: GdeltImportSettings())
        }
        // A plain file named as a zip.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gdelt-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fake = directory.appendingPathComponent("x.export.CSV.zip")
        try Data(try GdeltFixtures.realBytes().prefix(5_000)).write(to: fake)
        #expect(throws: GdeltImportError.self) { try GdeltImport.read(files: [fake.path], settings: GdeltImportSettings()) }
        // A zip cut short: its directory, at the end, is gone.
        let cutZip = directory.appendingPathComponent("cut.export.CSV.zip")
        try Data(try Data(contentsOf: GdeltFixtures.realZip).prefix(70_000)).write(to: cutZip)
        #expect(throws: GdeltImportError.self) { try GdeltImport.read(files: [cutZip.path], settings: GdeltImportSettings()) }
    }
}
