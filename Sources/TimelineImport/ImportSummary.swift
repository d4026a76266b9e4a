import TimelineCore

/// What one `timelined import …` run (or one spool file) did (contract §10/§11): printed as text,
/// or with `--json` as the only thing on stdout, and kept as the spool's receipt.
public struct ImportSummary: Sendable, Hashable {
    public var files = 0
    public var rowsRead = 0
    public var rowsTaken = 0
    /// Every reason a row can be skipped for, in the order the contract lists them; zero counts
    /// are shown too, so that a reader sees which rules ran.
    public var skipped: [(reason: String, count: Int)]
    public var eventsCreated = 0
    public var eventsUpdated = 0
    public var eventsUnchanged = 0
    public var malformedLines: [MalformedLine] = []

    public init(skipReasons: [String]) {
        skipped = skipReasons.map { ($0, 0) }
    }

    public var rowsMalformed: Int { malformedLines.count }

    public mutating func skip(_ reason: String, count: Int = 1) {
        if let index = skipped.firstIndex(where: { $0.reason == reason }) {
            skipped[index].count += count
        } else {
            skipped.append((reason, count))
        }
    }

    public func count(skippedFor reason: String) -> Int {
        skipped.first { $0.reason == reason }?.count ?? 0
    }

    /// Adds another file's (or chunk's) figures to these.
    public mutating func merge(_ other: ImportSummary) {
        files += other.files
        rowsRead += other.rowsRead
        rowsTaken += other.rowsTaken
        for (reason, count) in other.skipped { skip(reason, count: count) }
        eventsCreated += other.eventsCreated
        eventsUpdated += other.eventsUpdated
        eventsUnchanged += other.eventsUnchanged
        malformedLines += other.malformedLines
    }

    public var json: JSONValue {
        let rows: [String: JSONValue] = [
            "read": .number(Double(rowsRead)),
            "taken": .number(Double(rowsTaken)),
            "malformed": .number(Double(rowsMalformed)),
        ]
        let events: [String: JSONValue] = [
            "created": .number(Double(eventsCreated)),
            "updated": .number(Double(eventsUpdated)),
            "unchanged": .number(Double(eventsUnchanged)),
        ]
        var skippedCounts: [String: JSONValue] = [:]
        for (reason, count) in skipped { skippedCounts[reason] = .number(Double(count)) }
        let members: [String: JSONValue] = [
            "files": .number(Double(files)),
            "rows": .object(rows),
            "skipped": .object(skippedCounts),
            "events": .object(events),
            "malformed_lines": .array(malformedLines.map(\.json)),
        ]
        return .object(members)
    }

    /// A few lines for a person at a terminal.
    public var text: String {
        var lines = [
            "files: \(files)",
            "rows: \(rowsRead) read, \(rowsTaken) taken, \(rowsMalformed) malformed",
            "skipped: " + skipped.map { "\($0.count) \($0.reason)" }.joined(separator: ", "),
            "events: \(eventsCreated) created, \(eventsUpdated) updated, \(eventsUnchanged) unchanged",
        ]
        lines += malformedLines.map { "malformed: \($0.file):\($0.line): \($0.reason)" }
        return lines.joined(separator: "\n")
    }

    public static func == (lhs: ImportSummary, rhs: ImportSummary) -> Bool {
        lhs.json == rhs.json
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(json)
    }
}

/// A row that could not be read (wrong number of columns, an unparsable field): reported, skipped.
public struct MalformedLine: Sendable, Hashable {
    public let file: String
    public let line: Int
    public let reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var json: JSONValue {
        .object(["file": .string(file), "line": .number(Double(line)), "reason": .string(reason)])
    }
}
