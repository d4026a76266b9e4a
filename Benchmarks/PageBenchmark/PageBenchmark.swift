import ArgumentParser
import Foundation
import TestSupport
import TimelineCore
import TimelinePages

/// `swift run -c release PageBenchmark --file TIMELINE.json`: the CPU time of a `/timeline` page
/// made from a saved `GET /v1/timeline` answer, stage by stage (reading the document, the chart
/// and the event list, the templates), without the database or HTTP around it, whose share of a
/// page under load moves with the machine. `make bench` saves the popular dyad's page for it.
@main
struct PageBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure the CPU time of rendering one timeline page.")

    @Option(help: "A GET /v1/timeline answer, as the daemon sends it.") var file: String
    @Option(help: "Pages rendered per stage; the figure is the median of five such runs.") var pages = 500
    @Flag(help: "End with one JSON line of the figures `make bench` records.") var json = false

    func run() async throws {
        let body = try Data(contentsOf: URL(fileURLWithPath: file))
        var query = TimelineQuery()
        query.actors = ["US", "CN"]
        let parameters = QueryString([("actor", "US"), ("actor", "CN"), ("limit", "50")])
        let today = try CalendarDate(parsing: "2026-12-07")
        let renderer = PageRenderer()
        let document = try TimelinePageDocument(json: body)
        let page = TimelinePage(query: query, parameters: parameters, document: document, terms: [], today: today)

        // Each stage apart, then the whole page as the daemon makes it (less the query and HTTP).
        let read = try await microseconds { _ = try TimelinePageDocument(json: body).events.count }
        let build = try await microseconds {
            _ = TimelinePage(query: query, parameters: parameters, document: document, terms: [], today: today)
        }
        let render = try await microseconds { _ = renderer.render(page).count }
        let whole = try await microseconds {
            let document = try TimelinePageDocument(json: body)
            _ = renderer.render(TimelinePage(query: query, parameters: parameters, document: document, terms: [], today: today)).count
        }
        BenchmarkOutput.report(
            "timeline page of \(document.events.count) events (\(renderer.render(page).count) bytes): \(whole) µs "
                + "(reading the document \(read) µs, chart and event list \(build) µs, templates \(render) µs)")
        if json {
            let figures = ["events": document.events.count, "page_us": whole, "read_us": read, "build_us": build, "render_us": render]
            BenchmarkOutput.report(String(decoding: try JSONEncoder().encode(figures), as: UTF8.self))
        }
    }

    /// Microseconds per run of `body`: the median of five rounds of `pages` runs.
    private func microseconds(_ body: () throws -> Void) async throws -> Int {
        var rounds: [Double] = []
        for _ in 0..<5 {
            rounds.append(try await BenchmarkOutput.measure { for _ in 0..<pages { try body() } } / Double(pages))
        }
        return Int((rounds.sorted()[2] * 1e6).rounded())
    }
}
