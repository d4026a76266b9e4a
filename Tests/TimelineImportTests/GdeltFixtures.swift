import Foundation
import TimelineCore
import TimelineImport

/// Export lines and files for the tests: the real file shipped under Resources/gdelt, and rows
/// made cell by cell.
enum GdeltFixtures {
    static let realFileName = "20191024143000.export.CSV"

    static var directory: URL {
        Bundle.module.url(forResource: "gdelt", withExtension: nil)!
    }

    static var realFile: URL { directory.appendingPathComponent(realFileName) }

    static var realZip: URL { directory.appendingPathComponent(realFileName + ".zip") }

    static func realBytes() throws -> [UInt8] {
        Array(try Data(contentsOf: realFile))
    }

    /// The real file's lines, without their line feeds.
    static func realLines() throws -> [[UInt8]] {
        try realBytes().split(separator: UInt8(ascii: "\n")).map(Array.init)
    }

    /// The column names of `events-header.tsv`.
    static func header() throws -> [String] {
        try String(contentsOf: directory.appendingPathComponent("events-header.tsv"), encoding: .utf8)
            .trimmingCharacters(in: .newlines).components(separatedBy: "\t")
    }

    /// A row of 61 cells: a 042 visit of the United States to China on 2019-10-24, with `cells`
    /// (column name → text) replacing the defaults.
    static func line(_ cells: [String: String] = [:]) throws -> [UInt8] {
        let defaults = [
            "GLOBALEVENTID": "880000001", "SQLDATE": "20191024", "Actor1CountryCode": "USA", "Actor2CountryCode": "CHN",
            "IsRootEvent": "1", "EventCode": "042", "NumSources": "1", "ActionGeo_FullName": "Beijing, Beijing, China",
            "DATEADDED": "20191024143000", "SOURCEURL": "https://example.org/a",
        ]
        let merged = defaults.merging(cells) { $1 }
        return Array(try header().map { merged[$0] ?? "" }.joined(separator: "\t").utf8)
    }

    /// A file of `lines`, each ended by a line feed.
    static func file(_ lines: [[UInt8]]) -> [UInt8] {
        lines.flatMap { $0 + [UInt8(ascii: "\n")] }
    }

    /// `bytes` through an importer as one file, in chunks of `chunkSize` bytes.
    static func importBytes(
        _ bytes: [UInt8], chunkSize: Int = 1 << 20, settings: GdeltImportSettings = GdeltImportSettings()
    ) -> (records: [JSONValue], summary: ImportSummary) {
        var importer = GdeltImporter(settings: settings)
        importer.beginFile("test.export.CSV")
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            bytes[start..<end].withUnsafeBytes { importer.consume($0) }
            start = end
        }
        importer.endFile()
        return (importer.records, importer.summary)
    }

    /// A decoded row with the same defaults as `line`.
    static func row(
        id: UInt64 = 880_000_001, day: String = "2019-10-24", actor1: String = "USA", actor2: String = "CHN",
        isRoot: Bool = true, code: CameoEventCode = .makeVisit, sources: Int = 1, location: String = "Beijing, Beijing, China",
        added: UInt64 = 20_191_024_143_000, url: String = "https://example.org/a"
    ) throws -> GdeltRow {
        GdeltRow(
            globalEventID: id, day: try CalendarDate(parsing: day), actor1CountryCode: actor1, actor2CountryCode: actor2,
            isRootEvent: isRoot, eventCode: code, numSources: sources, actionLocation: location,
            dateAdded: GdeltTimestamp(added)!, sourceURL: url)
    }

    /// The records of `rows`, each taken with the default settings (they must all be taken).
    static func group(_ rows: [GdeltRow], style: CountryIDStyle = .alpha2) -> [JSONValue] {
        var grouping = GdeltGrouping()
        for row in rows {
            guard case .taken(let taken) = GdeltTakenRow.take(row, GdeltImportSettings()) else {
                preconditionFailure("a fixture row that is not taken: \(row)")
            }
            grouping.add(taken)
        }
        return grouping.records(style)
    }
}
