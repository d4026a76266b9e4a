import Foundation
import Logging
import Synchronization
import Testing
import TimelineAlerts
import TimelineCore

@testable import TimelineDaemon

/// What a log line looks like: logfmt or JSON, the journal's `<N>` prefix, and the
/// expiry notification lines of contract §5.
@Suite("Log lines")
struct LogLineTests {
    final class Captured: Sendable {
        let lines = Mutex<[String]>([])
        var writer: LineWriter { LineWriter { line in self.lines.withLock { $0.append(line) } } }
        var all: [String] { lines.withLock { $0 } }
    }

    private func logger(_ format: StructuredLogHandler.Format, journal: Bool, into captured: Captured) -> Logger {
        Logger(label: "test") { label in
            StructuredLogHandler(label: label, level: { .trace }, format: format, journalPrefix: journal, output: captured.writer)
        }
    }

    @Test func logfmtQuotesWhatNeedsQuotingAndSortsMetadata() {
        let captured = Captured()
        logger(.logfmt, journal: false, into: captured).info("agreement expiry", metadata: [
            "title": "US–China \"S&T\" Agreement", "b": "plain", "a": "", "multi": "one\ntwo",
        ])
        let line = captured.all[0]
        #expect(line.hasSuffix("\n"))
        #expect(line.contains(#" level=info msg="agreement expiry" a="" b=plain multi="one\ntwo" title="US–China \"S&T\" Agreement""#))
        #expect(line.hasPrefix("ts="))
    }

    /// ESC, VT, FF, DEL, NEL (U+0085), the line separator U+2028 and a C1 CSI (U+009B) in a
    /// client's title: each would act on a terminal that shows the log.
    static let hostileTitle = "a\u{1B}[31mred\u{0B}\u{0C}\u{7F}\u{85}\u{2028}\u{2029}\u{9B}2Jz"

    @Test(arguments: StructuredLogHandler.Format.allCases)
    func controlCharactersInValuesAreEscaped(format: StructuredLogHandler.Format) throws {
        let captured = Captured()
        logger(format, journal: false, into: captured).warning("agreement expiry", metadata: ["title": "\(Self.hostileTitle)"])
        let line = captured.all[0]
        let body = line.dropLast()
        #expect(line.hasSuffix("\n") && !body.contains("\n"))
        #expect(!body.unicodeScalars.contains { LogText.isControl($0) }, "raw control character in \(line.debugDescription)")
        for escape in [#"\u001b"#, #"\u000b"#, #"\u000c"#, #"\u007f"#, #"\u0085"#, #"\u2028"#, #"\u2029"#, #"\u009b"#] {
            #expect(body.contains(escape), "\(escape) missing in \(line)")
        }
        if format == .json {
            let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String]
            #expect(object?["title"] == Self.hostileTitle)
        }
    }

    @Test func jsonLinesParseAndCarryTheMetadata() throws {
        let captured = Captured()
        logger(.json, journal: false, into: captured).warning("agreement expiry", metadata: ["threshold": "30"])
        let object = try JSONSerialization.jsonObject(with: Data(captured.all[0].utf8)) as? [String: String]
        #expect(object?["level"] == "warning" && object?["msg"] == "agreement expiry" && object?["threshold"] == "30")
    }

    @Test(arguments: [
        (Logger.Level.warning, "<4>"), (.error, "<3>"), (.notice, "<5>"), (.info, "<6>"), (.debug, "<7>"), (.critical, "<2>"),
    ])
    func theJournalGetsTheSyslogPriority(level: Logger.Level, prefix: String) {
        let captured = Captured()
        logger(.logfmt, journal: true, into: captured).log(level: level, "x")
        #expect(captured.all[0].hasPrefix(prefix + "ts="))
    }

    @Test func journalStreamMustBeStderrItself() {
        #expect(!StructuredLogHandler.stderrIsJournal(environment: [:]))
        #expect(!StructuredLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": "1:1"]))
        var status = stat()
        fstat(STDERR_FILENO, &status)
        #expect(StructuredLogHandler.stderrIsJournal(environment: ["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino)"]))
    }

    @Test(arguments: [
        (NotificationKind.reached, "warning"), (.due, "warning"), (.expired, "error"),
        (.extended, "notice"), (.renewed, "notice"), (.terminated, "notice"),
    ])
    func expiryNotificationsAreLoggedAtTheirContractLevel(kind: NotificationKind, level: String) {
        let captured = Captured()
        let channel = ExpiryLogChannel(logger: logger(.logfmt, journal: false, into: captured))
        let expiry = CalendarDate(year: 2024, month: 2, day: 27)!
        let previous = kind == .extended || kind == .renewed ? CalendarDate(year: 2023, month: 8, day: 27) : nil
        channel.deliver(DeliverableNotification(
            agreementID: "us-cn-sta", title: "US–China S&T",
            notification: ExpiryNotification(
                kind: kind, expiresOn: expiry, threshold: kind == .reached ? 30 : kind == .due ? 0 : nil,
                previousExpiresOn: previous, daysRemaining: 30),
            evaluatedOn: expiry))
        let line = captured.all[0]
        #expect(line.contains("level=\(level) msg=\"agreement expiry\""))
        for key in ["event=\(kind.rawValue)", "agreement=us-cn-sta", "expires_on=2024-02-27", "days_remaining=30", "threshold=", "title="] {
            #expect(line.contains(key), "\(key) missing in \(line)")
        }
        #expect(line.contains("previous_expires_on=2023-08-27") == (previous != nil))
    }
}
