/// Which agreements an `AlertPass` evaluates.
public enum AlertScope: Sendable, Hashable {
    /// Every agreement: when changes may have gone unheard (at start, after the daemon's `LISTEN`
    /// connection came back, after a reload changed the thresholds) and from the command line.
    case all
    /// Exactly these: those a change was heard of.
    case agreements([String])
    /// Those the ledger's schedule says may have something to record on the pass's date
    /// (`NotificationLedger.due`), and these. Right only while every change of an agreement's
    /// events or metadata is followed by a pass over it, as the daemon's `NOTIFY` ensures: the
    /// schedule assumes the inputs it was computed from.
    case due(including: [String])
}
