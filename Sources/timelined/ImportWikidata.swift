import ArgumentParser
import Foundation
import TimelineImport

/// `timelined import wikidata`: treaties and their lifecycles from Wikidata (contract §11).
struct ImportWikidata: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wikidata",
        abstract: "Import treaties and their lifecycle events from Wikidata (SPARQL 1.1 Query Results JSON).",
        discussion: """
            Reads the JSON result of the query in docs/wikidata-treaties.rq from FILEs, or with --endpoint runs that \
            query (compiled into this binary) against a SPARQL endpoint. Agreements are wd-q<N>; events are keyed by \
            item and property, so importing again changes only what changed upstream.
            """
    )

    @OptionGroup var options: ImportOptions
    @OptionGroup var asOf: AsOfOption

    @Option(help: "Run the shipped query against this SPARQL endpoint (e.g. https://query.wikidata.org/sparql) instead of reading files.")
    var endpoint: String?

    @Argument(help: "SPARQL JSON results of docs/wikidata-treaties.rq.")
    var files: [String] = []

    func validate() throws {
        if files.isEmpty == (endpoint == nil) { throw ValidationError("give either FILE… or --endpoint URL") }
    }

    func run() async throws {
        try await options.run(skipReasons: WikidataTreatyImport.skipReasons) { configuration, run in
            // `--as-of` decides which end times are past; default today in alerts.time_zone.
            let today = try asOf.date(in: configuration)
            for source in endpoint.map({ [$0] }) ?? files {
                let bytes: [UInt8]
                do {
                    bytes = try await read(source)
                } catch {
                    run.fail(source, "\(error)")
                    continue
                }
                do {
                    let treaties = try WikidataTreatyImport(
                        bytes: bytes, source: source, today: today, countryIDs: configuration.importing.countryIDs)
                    try await run.store(treaties.records, summarized: treaties.summary, from: source)
                } catch let error as SPARQLResultsError {
                    run.refuse(source, because: error.description)
                }
            }
        }
    }

    private func read(_ source: String) async throws -> [UInt8] {
        if endpoint != nil { return try await SPARQLEndpoint(url: source).results(of: TreatyQuery.text) }
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: source)))
        } catch {
            throw FileUnreadable(reason: (error as NSError).localizedDescription)
        }
    }
}
