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
    /// The first `maximumListed` malformed lines; a file of nothing but garbage must not fill
    /// memory (or the receipt) with one entry per line.
    public private(set) var malformedLines: [MalformedLine] = []
    /// Every malformed line, listed or not.
    public private(set) var rowsMalformed = 0

    public static let maximumListed = 1000

    public init(skipReasons: [String]) {
        skipped = skipReasons.map { ($0, 0) }
    }

    /// Counts a line that could not be read; lists it while the list has room.
    public mutating func reportMalformed(_ line: MalformedLine) {
        rowsMalformed += 1
        if malformedLines.count < Self.maximumListed { malformedLines.append(line) }
    }

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
        rowsMalformed += other.rowsMalformed
        malformedLines += other.malformedLines.prefix(Self.maximumListed - malformedLines.count)
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
        var members: [String: JSONValue] = [
            "files": .number(Double(files)),
            "rows": .object(rows),
            "skipped": .object(skippedCounts),
            "events": .object(events),
            "malformed_lines": .array(malformedLines.map(\.json)),
        ]
        if rowsMalformed > malformedLines.count {
            members["malformed_lines_omitted"] = .number(Double(rowsMalformed - malformedLines.count))
        }
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
        if rowsMalformed > malformedLines.count { lines.append("… and \(rowsMalformed - malformedLines.count) more malformed lines") }
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
