/// What the notification ledger already holds for one agreement: the facts its unique rows stand
/// for (`notifications`, `agreement_evaluations`). The policy reads it and never repeats a fact in it.
public struct AlertLedgerState: Sendable, Hashable {
    /// `E` at the previous evaluation, to notice an extension.
    public var recordedExpiry: CalendarDate?
    /// false until the first evaluation is recorded: that one never announces an extension.
    public var hasBeenEvaluated: Bool
    /// Per `E`: the thresholds emitted or skipped.
    public var thresholdsDone: [CalendarDate: Set<Int>]
    /// The `E`s whose `expired` was emitted.
    public var expiredFor: Set<CalendarDate>
    /// The `E`s whose `extended` or `renewed` was emitted.
    public var extensionsFor: Set<CalendarDate>
    /// Whether `terminated` was emitted.
    public var terminated: Bool

    /// Defaults to the ledger of an agreement never evaluated.
    public init(
        recordedExpiry: CalendarDate? = nil, hasBeenEvaluated: Bool = false,
        thresholdsDone: [CalendarDate: Set<Int>] = [:], expiredFor: Set<CalendarDate> = [],
        extensionsFor: Set<CalendarDate> = [], terminated: Bool = false
    ) {
        self.recordedExpiry = recordedExpiry
        self.hasBeenEvaluated = hasBeenEvaluated
        self.thresholdsDone = thresholdsDone
        self.expiredFor = expiredFor
        self.extensionsFor = extensionsFor
        self.terminated = terminated
    }
}
