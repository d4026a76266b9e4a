import Foundation
import Postgres
import TestSupport
import Testing
import TimelineAlerts
import TimelineCore
@testable import TimelineStore

/// The due list cannot miss: two databases live through the same two years of random agreements
/// and changes. One evaluates every agreement every day; the other as the daemon does — a pass
/// over the agreements due each day, and a pass over the agreements a change touched right after
/// it, standing for the one `NOTIFY` starts. Both must deliver the same notifications each day and
/// end with the same ledger.
///
/// The second database gets no full pass at all, not even where the daemon would run one: not
/// when it comes back after days down, nor when the configured thresholds change, nor after an
/// agreement's `alert_days` changed (whose `NOTIFY` pass is left out on purpose), nor for an
/// evaluation of an earlier day, so the due selection alone has to catch them.
@Suite("Alert pass: the due list")
struct AlertDueListTests {
    @Test(.timeLimit(.minutes(15))) func dailyDuePassesDeliverWhatDailyFullPassesDeliver() async throws {
        let scenario = DueListScenario(seed: 20_250_601)
        try await withMigratedDatabase { fullPool, fullIngestor in
            try await withMigratedDatabase { duePool, dueIngestor in
                var full = DueListDatabase(pool: fullPool, ingestor: fullIngestor)
                var due = DueListDatabase(pool: duePool, ingestor: dueIngestor)
                for change in scenario.setup {
                    _ = try await full.apply(change)
                    _ = try await due.apply(change)
                }
                var thresholds = defaultThresholds
                var mismatches: [String] = []
                var selected = 0
                var evaluatedDays = 0
                for (offset, date) in scenario.days.enumerated() {
                    var touched: Set<String> = []
                    for change in scenario.changes[date, default: []] {
                        switch change {
                        case .thresholds(let configured):
                            thresholds = configured
                        case .evaluateEarlier(let earlier):
                            // `alerts evaluate --as-of` on one; on the other a due pass, as a daemon
                            // whose clock or time zone is behind would run: rows evaluated later
                            // than that day say nothing about it.
                            let fullLog = try await full.pass.run(on: earlier, defaultThresholds: thresholds).map(line)
                            let dueLog = try await due.pass.run(on: earlier, .due(including: []), defaultThresholds: thresholds).map(line)
                            if fullLog.sorted() != dueLog.sorted() { mismatches.append("as of \(earlier) on \(date): \(fullLog) vs \(dueLog)") }
                        default:
                            _ = try await full.apply(change)
                            if let agreement = try await due.apply(change) { touched.insert(agreement) }
                        }
                    }
                    guard !scenario.downDays.contains(date) else { continue }
                    let fullLog = try await full.pass.run(on: date, defaultThresholds: thresholds).map(line)
                    var dueLog: [String] = []
                    // The engine merges a change heard during a pass with the next tick, or runs it alone.
                    if offset.isMultiple(of: 2) {
                        if !touched.isEmpty {
                            dueLog += try await due.pass.run(on: date, .agreements(touched.sorted()), defaultThresholds: thresholds).map(line)
                        }
                        selected += try await NotificationLedger(pool: duePool).due(on: date, defaultThresholds: thresholds, including: []).count
                        dueLog += try await due.pass.run(on: date, .due(including: []), defaultThresholds: thresholds).map(line)
                    } else {
                        selected += try await NotificationLedger(pool: duePool)
                            .due(on: date, defaultThresholds: thresholds, including: touched.sorted()).count
                        dueLog += try await due.pass.run(on: date, .due(including: touched.sorted()), defaultThresholds: thresholds).map(line)
                    }
                    evaluatedDays += 1
                    if fullLog.sorted() != dueLog.sorted() { mismatches.append("on \(date): \(fullLog) vs \(dueLog)") }
                }

                #expect(mismatches.isEmpty, "\(mismatches.count) days differ, first: \(mismatches.prefix(3))")
                #expect(try await Self.notifications(fullPool) == Self.notifications(duePool))
                #expect(try await Self.evaluations(fullPool) == Self.evaluations(duePool))

                // Not vacuous: every kind of notice happened, and the due passes read a small part.
                let kinds = try await Dictionary(uniqueKeysWithValues: fullPool.query(
                    "SELECT CASE WHEN skipped THEN 'skipped' ELSE event END, count(*) FROM notifications GROUP BY 1"
                ).map { (try $0.string(0), try $0.int(1)) })
                for kind in ["reached", "due", "expired", "extended", "renewed", "terminated", "skipped"] {
                    #expect(kinds[kind, default: 0] >= 3, "only \(kinds[kind, default: 0]) \(kind): \(kinds)")
                }
                let agreements = try await fullPool.query("SELECT count(*) FROM agreements")[0].int(0)
                #expect(selected * 10 < agreements * evaluatedDays, "\(selected) selected over \(evaluatedDays) days of \(agreements)")
            }
        }
    }

    /// Every notification row but its id and time, sorted.
    private static func notifications(_ pool: PostgresPool) async throws -> [String] {
        try await pool.query(
            """
            SELECT (agreement_id, event, expires_on, threshold, skipped, previous_expires_on, days_remaining, evaluated_on)::text
            FROM notifications ORDER BY 1
            """
        ).map { try $0.string(0) }
    }

    /// Every evaluation row but its time of writing, sorted.
    private static func evaluations(_ pool: PostgresPool) async throws -> [String] {
        try await pool.query(
            "SELECT (agreement_id, expires_on, next_due_on, thresholds, evaluated_on)::text FROM agreement_evaluations ORDER BY 1"
        ).map { try $0.string(0) }
    }
}

/// One database of the comparison, and the ids its ingests gave each record key.
private struct DueListDatabase {
    let pool: PostgresPool
    let ingestor: EventIngestor
    let pass: AlertRound
    private var ids: [String: Int64] = [:]

    init(pool: PostgresPool, ingestor: EventIngestor) {
        self.pool = pool
        self.ingestor = ingestor
        pass = AlertRound(pool: pool)
    }

    /// Applies a change of the agreements; returns the agreement whose events it changed, of
    /// which the daemon hears by `NOTIFY`.
    mutating func apply(_ change: DueListScenario.Change) async throws -> String? {
        switch change {
        case .ingest(let record, let key, let agreement):
            ids[key] = try await ingest(ingestor, [record])[0]
            return agreement
        case .retract(let key, let agreement):
            _ = try await EventRetractor(pool: pool, logger: TestDatabase.logger).retract(id: try #require(ids[key]))
            return agreement
        case .alertDays(let agreement, let days):
            _ = try await AgreementStore(pool: pool).upsert(AgreementMetadata(id: agreement, title: "The \(agreement) agreement", alertDays: days))
            return nil
        case .thresholds, .evaluateEarlier:
            return nil
        }
    }
}

/// Two years of random agreements and of what happens to them, from a seed: signings with
/// expiries before, in and after the window; extensions and renewals dated before, on and after
/// the day they are recorded (some by month only); amendments, lapses and terminations;
/// retractions; new agreements; changes of `alert_days` and of the configured thresholds;
/// evaluations of earlier dates; and stretches of days the daemon was down.
struct DueListScenario {
    enum Change {
        case ingest(String, key: String, agreement: String)
        case retract(key: String, agreement: String)
        case alertDays(agreement: String, [Int])
        case thresholds([Int])
        case evaluateEarlier(CalendarDate)
    }

    static let first = try! day("2023-09-01")
    static let last = try! day("2025-08-31")

    var days: [CalendarDate] { (Self.first.dayNumber...Self.last.dayNumber).compactMap(CalendarDate.init(dayNumber:)) }
    /// Before the first day.
    private(set) var setup: [Change] = []
    private(set) var changes: [CalendarDate: [Change]] = [:]
    private(set) var downDays: Set<CalendarDate> = []

    private var random: SeededRandom
    /// The day each agreement was signed, so that nothing extends it before.
    private var signed: [String: CalendarDate] = [:]
    /// Keys of the events that may be retracted: any but a signing, which later extensions need.
    private var retractable: [(key: String, agreement: String)] = []
    private var keys = 0

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
        for number in 0..<40 {
            let agreement = "pact-\(number)"
            setup.append(newAgreement(agreement, signedOn: Self.shifted(Self.first, -Int.random(in: 70...900, using: &random))))
            if roll(3) { setup.append(lifecycleChange(of: agreement, recordedOn: Self.first)) }
            if roll(4) { setup.append(.alertDays(agreement: agreement, someAlertDays())) }
        }
        for _ in 0..<4 {
            let start = Self.shifted(Self.first, Int.random(in: 30...700, using: &random))
            for offset in 0..<Int.random(in: 3...25, using: &random) { downDays.insert(Self.shifted(start, offset)) }
        }
        let upDays = days.filter { !downDays.contains($0) }
        changes[upDays[upDays.count / 3], default: []].append(.thresholds([120, 30, 7, 0]))
        changes[upDays[2 * upDays.count / 3], default: []].append(.thresholds([180, 90, 30, 14, 7, 1, 0]))
        var late = 0
        for date in (0..<90).map({ _ in upDays.randomElement(using: &random)! }).sorted() {
            let change: Change
            switch Int.random(in: 0..<20, using: &random) {
            case 0..<12:
                change = lifecycleChange(of: signed.keys.sorted().randomElement(using: &random)!, recordedOn: date)
            case 12..<15 where !retractable.isEmpty:
                let event = retractable.remove(at: Int.random(in: retractable.indices, using: &random))
                change = .retract(key: event.key, agreement: event.agreement)
            case 15..<17:
                change = .alertDays(agreement: signed.keys.sorted().randomElement(using: &random)!, someAlertDays())
            case 17..<19:
                late += 1
                change = newAgreement("late-\(late)", signedOn: Self.shifted(date, -Int.random(in: 0...30, using: &random)))
            default:
                change = .evaluateEarlier(max(Self.first, Self.shifted(date, -Int.random(in: 1...200, using: &random))))
            }
            changes[date, default: []].append(change)
        }
    }

    private mutating func newAgreement(_ agreement: String, signedOn date: CalendarDate) -> Change {
        signed[agreement] = date
        let expiry = Self.shifted(date, Int.random(in: 60...1200, using: &random))
        return .ingest(signing(agreement, expiresOn: expiry.description, date: date.description), key: "\(agreement)-signing", agreement: agreement)
    }

    /// An extension, renewal, amendment, lapse or termination of `agreement`, dated around `date`.
    private mutating func lifecycleChange(of agreement: String, recordedOn date: CalendarDate) -> Change {
        keys += 1
        let key = "change-\(keys)"
        let dated = max(Self.shifted(signed[agreement]!, 1), Self.shifted(date, Int.random(in: -30...150, using: &random)))
        let kind: String
        var fields = ""
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<4:
            kind = "extension"
            fields = roll(2) ? #", "extends_by": "P\#(Int.random(in: 1...12, using: &random))M""#
                : #", "expires_on": "\#(Self.shifted(dated, Int.random(in: 30...500, using: &random)))""#
        case 4..<6:
            kind = "renewal"
            fields = #", "extends_by": "P\#(Int.random(in: 1...2, using: &random))Y""#
        case 6..<8:
            kind = "amendment"
            fields = #", "expires_on": "\#(Self.shifted(dated, Int.random(in: -30...400, using: &random)))""#
        case 8:
            kind = "expiration"
        default:
            kind = "termination"
        }
        // Some by month only, which then applies from the month's first day.
        let monthStart = CalendarDate(year: dated.year, month: dated.month, day: 1)!
        let byMonth = kind != "expiration" && roll(8) && monthStart > signed[agreement]!
        let dateText = byMonth ? String(dated.description.prefix(7)) : dated.description
        retractable.append((key, agreement))
        let record = """
            {"key": "\(key)", "kind": "\(kind)", "title": "\(kind) of \(agreement)", "date": "\(dateText)", "agreement": "\(agreement)"\(fields)}
            """
        return .ingest(record, key: key, agreement: agreement)
    }

    private mutating func someAlertDays() -> [Int] {
        Array([365, 120, 60, 30, 14, 7, 3, 1, 0].shuffled(using: &random).prefix(Int.random(in: 0...4, using: &random)))
    }

    private mutating func roll(_ sides: Int) -> Bool {
        Int.random(in: 0..<sides, using: &random) == 0
    }

    private static func shifted(_ date: CalendarDate, _ offset: Int) -> CalendarDate {
        date.adding(days: offset)!
    }
}
