/// Days to an expiry as the pages say them: "in 12 days", "today", "3 days ago".
enum DaysRemaining {
    static func text(_ days: Int?) -> String? {
        guard let days else { return nil }
        return switch days {
        case 0: "expires today"
        case 1: "1 day left"
        case 2...: "\(days) days left"
        case -1: "expired yesterday"
        default: "expired \(-days) days ago"
        }
    }
}
