/// Validates a batch's records as they are parsed, so that a large body's parsed JSON is never
/// all held at once: values wait in a small chunk, which is validated over every core and
/// dropped. Keeps the records while every one is valid, the first
/// `ValidationErrors.maximumReported` issues once one is not, and counts the rest.
public struct RecordBatchValidator: Sendable {
    /// More records than this end the batch (`isOverLimit`); what was offered after is ignored.
    public let maximumRecords: Int
    /// Records offered so far, counting the first one past the limit.
    public private(set) var count = 0

    private static let chunkSize = 512
    private var pending: [JSONValue] = []
    private var records: [EventRecord] = []
    private var errors = ValidationErrors(issues: [])

    public init(maximumRecords: Int = .max) {
        self.maximumRecords = maximumRecords
        pending.reserveCapacity(Self.chunkSize)
    }

    public var isOverLimit: Bool { count > maximumRecords }

    /// Takes the next record value; false once the batch is over its limit, to stop reading.
    @discardableResult
    public mutating func add(_ value: JSONValue) -> Bool {
        guard !isOverLimit else { return false }
        count += 1
        guard !isOverLimit else {
            pending.removeAll()
            records.removeAll()
            return false
        }
        pending.append(value)
        if pending.count == Self.chunkSize { validatePending() }
        return true
    }

    /// Every record, or the issues found. Not meaningful once `isOverLimit`.
    public mutating func finish() -> Result<[EventRecord], ValidationErrors> {
        validatePending()
        return errors.totalCount == 0 ? .success(records) : .failure(errors)
    }

    private mutating func validatePending() {
        guard !pending.isEmpty else { return }
        let firstIndex = count - pending.count
        let chunk = pending
        // Once the report is full, records are only counted: no message, no suggestion is
        // built for an issue nobody will see.
        let room = ValidationErrors.maximumReported - errors.issues.count
        let outcomes = Array(chunk.indices).concurrentMap(minimumChunk: Self.chunkSize / 4) { offset in
            EventRecordValidator.validate(chunk[offset], index: firstIndex + offset, room: room)
        }
        pending.removeAll(keepingCapacity: true)
        for outcome in outcomes {
            switch outcome {
            case .success(let record):
                // Once one record is invalid nothing is stored: the others need not be kept.
                if errors.totalCount == 0 { records.append(record) }
            case .failure(let recordErrors):
                records.removeAll()
                errors.append(contentsOf: recordErrors)
            }
        }
    }
}
