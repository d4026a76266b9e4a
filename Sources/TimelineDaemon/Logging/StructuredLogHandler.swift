import Foundation
import Logging
import Synchronization

/// Writes one line per log record to stderr, as logfmt or JSON, with swift-log metadata as
/// fields. Under systemd (stderr connected to the journal, `JOURNAL_STREAM` set) every line
/// starts with its syslog priority `<N>`, so journald files it at the right level, and the
/// notification lines go to the journal's native socket instead, with the fields of
/// `NotificationJournalEntry` (contract §12).
public struct StructuredLogHandler: LogHandler {
    public enum Format: String, Sendable, CaseIterable {
        case logfmt, json
    }

    public var metadata: Logger.Metadata = [:]
    /// The configured level, read at every record so a reload applies to every logger at once;
    /// a level set on one logger (`logger.logLevel = …`) holds for that logger alone.
    public var logLevel: Logger.Level {
        get { ownLevel ?? configuredLevel() }
        set { ownLevel = newValue }
    }
    public var metadataProvider: Logger.MetadataProvider?
    private let configuredLevel: @Sendable () -> Logger.Level
    private var ownLevel: Logger.Level?
    private let label: String
    private let format: Format
    private let journalPrefix: Bool
    private let output: LineWriter
    /// Where notification lines go under journald; nil: to `output` like every line.
    private let journal: JournalSocket?

    public init(
        label: String, level: @escaping @Sendable () -> Logger.Level, format: Format, journalPrefix: Bool,
        output: LineWriter = .standardError, journal: JournalSocket? = nil
    ) {
        self.label = label
        self.configuredLevel = level
        self.format = format
        self.journalPrefix = journalPrefix
        self.output = output
        self.journal = journal
    }

    /// True when stderr is the journal: systemd sets `JOURNAL_STREAM` to its device and inode.
    public static func stderrIsJournal(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let stream = environment["JOURNAL_STREAM"] else { return false }
        let parts = stream.split(separator: ":")
        var status = stat()
        guard parts.count == 2, fstat(STDERR_FILENO, &status) == 0 else { return false }
        return UInt64(parts[0]) == UInt64(status.st_dev) && UInt64(parts[1]) == UInt64(status.st_ino)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        let timestamp = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        var line = ""
        switch format {
        case .logfmt:
            line += "ts=\(timestamp) level=\(event.level) msg=\(LogText.logfmtValue(event.message.description))"
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
                line += " \(key)=\(LogText.logfmtValue(value.description))"
            }
        case .json:
            var object: [String: String] = ["ts": timestamp, "level": event.level.rawValue, "msg": event.message.description, "logger": label]
            for (key, value) in fields where object[key] == nil { object[key] = value.description }
            line += LogText.jsonObject(object)
        }
        let priority = Self.syslogPriority(event.level)
        if let journal, let entry = NotificationJournalEntry(message: event.message, metadata: fields),
            journal.send(entry.fields(line: line, priority: priority))
        {
            return
        }
        output.write((journalPrefix ? "<\(priority)>" : "") + line + "\n")
    }

    /// swift-log levels onto syslog priorities (RFC 5424 severities).
    static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}

/// Where log lines go; one write per line keeps lines whole between threads.
public final class LineWriter: Sendable {
    private let sink: @Sendable (String) -> Void

    public init(_ sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    public static let standardError = LineWriter { line in
        line.utf8CString.withUnsafeBufferPointer { buffer in
            _ = Foundation.write(STDERR_FILENO, buffer.baseAddress, buffer.count - 1)
        }
    }

    func write(_ line: String) {
        sink(line)
    }
}
