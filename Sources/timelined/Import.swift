import ArgumentParser

/// `timelined import SOURCE …`: rows of a real source in, events and one summary out
/// (contract §10, §11). Each source is a subcommand over the shared `ImportOptions`.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import events from real sources and print one summary (text, or --json).",
        discussion: """
            The exit status is 0 when every source was read to its end (malformed rows are reported in the \
            summary and skipped); a source that cannot be opened or read, or a database error, makes it non-zero.
            """,
        subcommands: [ImportGdelt.self, ImportWikidata.self]
    )
}
