import ArgumentParser

@main
struct Timelined: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timelined",
        abstract: "Tracks dated diplomatic events and agreement lifecycles in PostgreSQL.",
        version: BuildVersion.text,
        subcommands: [Serve.self, Migrate.self, Ingest.self, Import.self, Alerts.self, CheckConfig.self]
    )
}
