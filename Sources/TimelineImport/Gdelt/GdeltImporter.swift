import TimelineCore

/// Turns the bytes of GDELT 2.0 export files, handed over in chunks of any size, into candidate
/// event records and the run's summary. No I/O: `GdeltImport` reads the files.
///
/// Every line counts as read; each is then malformed, skipped for one reason, or taken, so
/// `read = malformed + taken + Σ skipped`.
public struct GdeltImporter {
    /// GDELT rows are well under a kilobyte; a longer line is damage, and is not held in memory.
    public static let maximumLineLength = 65_536

    public let settings: GdeltImportSettings
    public private(set) var summary = ImportSummary(skipReasons: GdeltSkipReason.summaryNames)
    private var grouping = GdeltGrouping()
    private var decoder = GdeltLineDecoder()
    private var lines = LineStream(maximumLineLength: maximumLineLength)
    private var file = ""

    public init(settings: GdeltImportSettings) {
        self.settings = settings
    }

    /// Starts a file: `name` is how its malformed lines are reported.
    public mutating func beginFile(_ name: String) {
        summary.files += 1
        file = name
        lines = LineStream(maximumLineLength: Self.maximumLineLength)
    }

    public mutating func consume(_ chunk: UnsafeRawBufferPointer) {
        // The stream is moved out while it calls back into self, rather than copied: a copy
        // would share, and then duplicate, the partial line it carries.
        var stream = LineStream(maximumLineLength: Self.maximumLineLength)
        swap(&stream, &lines)
        stream.consume(chunk) { number, line in handle(line, number: number) }
        swap(&stream, &lines)
    }

    /// Ends the file begun last: a last line without a line feed is reported, not read.
    public mutating func endFile() {
        var stream = LineStream(maximumLineLength: Self.maximumLineLength)
        swap(&stream, &lines)
        stream.finish { number, line in handle(line, number: number) }
    }

    /// The candidate events of every file so far, in `key` order.
    public var records: [JSONValue] { grouping.records(settings.countryIDs) }

    private mutating func handle(_ line: LineStream.Line, number: Int) {
        summary.rowsRead += 1
        switch line {
        case .complete(let bytes):
            switch decoder.decode(bytes) {
            case .codeNotTaken:
                summary.skip(GdeltSkipReason.code.rawValue)
            case .malformed(let reason):
                reportMalformed(number, reason)
            case .row(let row):
                switch GdeltTakenRow.take(row, settings) {
                case .taken(let taken):
                    summary.rowsTaken += 1
                    grouping.add(taken)
                case .skipped(let reason):
                    summary.skip(reason.rawValue)
                }
            }
        case .unterminated:
            reportMalformed(number, "the file ends in the middle of this line (no line feed after it)")
        case .overlong(let length):
            reportMalformed(
                number, "is \(Quoting.grouped(length)) bytes long, more than \(Quoting.grouped(Self.maximumLineLength))")
        }
    }

    private mutating func reportMalformed(_ number: Int, _ reason: String) {
        summary.reportMalformed(MalformedLine(file: file, line: number, reason: reason))
    }
}
