import ArgumentParser
import Foundation
import TimelineAlerts
import TimelineCore
import TimelineDaemon
import TimelineStore

struct Alerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate and list agreement expiry alerts.",
        subcommands: [Evaluate.self, List.self]
    )
}

/// `--as-of DATE`: the calendar day to evaluate on; today in `alerts.time_zone` by default.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "The day to evaluate on (YYYY-MM-DD); default: today in alerts.time_zone.")
    var asOf: String?

    func date(in configuration: DaemonConfiguration) throws -> CalendarDate {
        if let asOf {
            do {
                return try CalendarDate(parsing: asOf)
            } catch {
                throw ValidationError("--as-of: \(error)")
            }
        }
        guard let zone = TimeZone(identifier: configuration.alerts.timeZone), let today = CalendarDate(Date(), in: zone) else {
            throw ValidationError("cannot tell today's date in \(configuration.alerts.timeZone)")
        }
        return today
    }
}

extension Alerts {
    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One evaluation pass exactly as the daemon runs it, with DATE as today: emits and records notifications, then exits.",
            discussion: """
                Every agreement is evaluated, as by the daemon's first pass: the daemon's hourly passes read only the \
                agreements due by the ledger's schedule because it hears of every change by NOTIFY at once, and a command \
                run on its own has heard of none.
                """
        )

        @OptionGroup var options: CommonOptions
        @OptionGroup var asOf: AsOfOption

        func run() async throws {
            try await reportingFailure {
                // Notifications are log lines: this command always logs, at the configured level.
                let (configuration, logger) = try await options.load(isDaemon: true)
                let date = try asOf.date(in: configuration)
                let delivered = try await OpenDatabase.using(configuration, schema: .current, logger: logger) { database in
                    try await AlertRound(pool: database.pool, channels: [ExpiryLogChannel(logger: logger)] + configuration.webhookChannels(), logger: logger)
                        .run(
                            on: date, defaultThresholds: configuration.alerts.thresholds,
                            expiredAlertDays: configuration.alerts.expiredAlertDays)
                }
                FileHandle.standardOutput.write(Data("evaluated on \(date): \(delivered.count) notification(s)\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Agreements expiring within their thresholds, and expired ones (what GET /v1/alerts returns)."
        )

        @OptionGroup var options: CommonOptions
        @OptionGroup var asOf: AsOfOption
        @Option(help: "Only expiries within this many days (default: each agreement's largest threshold).") var within: Int?
        @Flag(help: "Print the JSON of GET /v1/alerts instead of a table.") var json = false

        func run() async throws {
            try await reportingFailure {
                let (configuration, logger) = try await options.load()
                let date = try asOf.date(in: configuration)
                if let within, within < 0 { throw ValidationError("--within must be a whole number of days, 0 or more") }
                let list = try await OpenDatabase.using(configuration, schema: .current, logger: logger) { database in
                    try await AgreementStore(pool: database.pool)
                        .alerts(on: date, within: within, defaultThresholds: configuration.alerts.thresholds)
                }
                FileHandle.standardOutput.write(Data((json ? try Self.json(list) : Self.table(list)).utf8))
            }
        }

        static func json(_ list: AlertList) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(list), as: UTF8.self) + "\n"
        }

        static func table(_ list: AlertList) -> String {
            let header = ["AGREEMENT", "EXPIRES ON", "DAYS", "STATUS", "NEXT", "TITLE"]
            let rows = list.alerts.map { item in
                [item.agreement, item.expiresOn.description, String(item.daysRemaining), item.status.rawValue,
                 item.nextThreshold.map(String.init) ?? "-", item.title]
            }
            guard !rows.isEmpty else { return "no agreement expires within its thresholds on \(list.asOf)\n" }
            let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
            return ([header] + rows).map { row in
                row.enumerated().map { column, text in
                    column == row.count - 1 ? text : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                }.joined(separator: "  ")
            }.joined(separator: "\n") + "\n"
        }
    }
}
