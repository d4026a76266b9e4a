import Logging
import TimelineAlerts
import TimelineCore

/// A notification line as a journal entry (contract §12): the same text as `MESSAGE`, with the
/// fields `journalctl` filters and explains by — `MESSAGE_ID` (one per notification event, each
/// explained in `systemd/timelined.catalog`), `AGREEMENT` and `PRIORITY`.
struct NotificationJournalEntry {
    let messageID: String
    let agreement: String

    /// nil for every log record that is not a notification line (`ExpiryLogChannel`).
    init?(message: Logger.Message, metadata: Logger.Metadata) {
        guard message == ExpiryLogChannel.message, case .string(let event)? = metadata["event"],
            let kind = NotificationKind(rawValue: event), case .string(let agreement)? = metadata["agreement"]
        else { return nil }
        messageID = Self.messageID(of: kind)
        self.agreement = agreement
    }

    /// The fields of the entry for `line` (without the `<N>` prefix stderr lines carry) at `priority`.
    func fields(line: String, priority: Int) -> KeyValuePairs<String, String> {
        [
            "MESSAGE": line, "MESSAGE_ID": messageID, "PRIORITY": String(priority), "AGREEMENT": agreement,
            "SYSLOG_IDENTIFIER": "timelined",
        ]
    }

    /// Fixed for good: the catalog, and whoever filters the journal by them, rely on them.
    static func messageID(of kind: NotificationKind) -> String {
        switch kind {
        case .reached: "57e2509bf0b44d6aa328e4f96a259a77"
        case .due: "fb19f5c372e8434ca64a20c936d70061"
        case .expired: "478cfe235b2249f99a80b34f039fc2af"
        case .extended: "4c21aef389cf4753bc823bfd5c8269a1"
        case .renewed: "81859174f9b34a90a3378ad51cb0deda"
        case .terminated: "977b499b588b4252ad307f8bcfc4f72c"
        }
    }
}
