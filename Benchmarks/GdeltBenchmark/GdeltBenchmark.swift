import ArgumentParser
import Foundation
import TestSupport
import TimelineImport

/// `swift run -c release GdeltBenchmark --file FILE`: reading, mapping and grouping of a GDELT 2.0
/// export file end to end (`GdeltImport.read`), without storing; rows/s and peak RSS. Make a file
/// of a million rows with `Benchmarks/gdelt_generate.py`.
@main
struct GdeltBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure the GDELT import's reading, mapping and grouping.")

    @Option(help: "A GDELT 2.0 export file (.export.CSV or .export.CSV.zip).") var file: String
    @Flag(help: "End with one JSON line of the figures `make bench` records.") var json = false

    func run() async throws {
        var read: GdeltImport.Result?
        let seconds = try await BenchmarkOutput.measure {
            read = try GdeltImport.read(files: [file], settings: GdeltImportSettings())
        }
        guard let result = read else { return }
        let summary = result.summary
        let rowsPerSecond = Int(Double(summary.rowsRead) / seconds)
        let peak = BenchmarkOutput.peakMemoryMegabytes()
        BenchmarkOutput.report(
            "\(summary.rowsRead) rows (\(summary.rowsTaken) taken, \(summary.rowsMalformed) malformed) into "
                + "\(result.records.count) events in \(BenchmarkOutput.format(seconds)) s: \(rowsPerSecond) rows/s; peak RSS \(peak) MB")
        if json {
            let figures = ["rows": summary.rowsRead, "events": result.records.count, "rows_per_s": rowsPerSecond, "peak_rss_mib": peak]
            BenchmarkOutput.report(String(decoding: try JSONEncoder().encode(figures), as: UTF8.self))
        }
    }
}
