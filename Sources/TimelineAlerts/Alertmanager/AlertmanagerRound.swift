import AsyncHTTPClient
import Foundation
import NIOCore
import Postgres
import TimelineCore
import TimelineStore

/// One round of an `alertmanager` channel (contract §12): the alerts the agreements stand for on a
/// date, compared with what the channel last sent (`AlertmanagerPlan`), posted to
/// `{url}/api/v2/alerts`, and recorded once Alertmanager took them. A round that fails records
/// nothing, so the next one sends the same again.
public struct AlertmanagerRound: Sendable {
    /// What a round evaluates with: the `alerts.*` settings it shares with the alert engine.
    public struct Policy: Sendable, Hashable {
        public var timeZone: TimeZone
        public var defaultThresholds: [Int]
        public var expiredAlertDays: Int

        public init(timeZone: TimeZone, defaultThresholds: [Int], expiredAlertDays: Int) {
            self.timeZone = timeZone
            self.defaultThresholds = defaultThresholds
            self.expiredAlertDays = expiredAlertDays
        }
    }

    private let settings: AlertmanagerChannelSettings
    private let publicURL: String
    private let agreements: AgreementStore
    private let sentAlerts: AlertmanagerAlertStore
    private let client: HTTPClient

    /// - Parameter publicURL: `http.public_url` without a trailing slash; alerts link to agreements under it.
    public init(settings: AlertmanagerChannelSettings, publicURL: String, pool: PostgresPool, client: HTTPClient) {
        self.settings = settings
        self.publicURL = publicURL
        agreements = AgreementStore(pool: pool)
        sentAlerts = AlertmanagerAlertStore(pool: pool)
        self.client = client
    }

    /// `{url}/api/v2/alerts`.
    public var endpoint: String {
        (settings.url.hasSuffix("/") ? String(settings.url.dropLast()) : settings.url) + "/api/v2/alerts"
    }

    /// Sends the state on `now`'s date in `policy.timeZone`; `named` are agreements known to have
    /// changed. Returns what was sent.
    @discardableResult
    public func run(now: Date = Date(), policy: Policy, including named: [String] = []) async throws -> AlertmanagerPlan {
        guard let date = CalendarDate(now, in: policy.timeZone) else {
            throw AlertmanagerDeliveryError(
                channel: settings.name, endpoint: endpoint, status: nil, detail: "the clock reads \(now), outside the calendar")
        }
        let ids = try await sentAlerts.candidates(
            channel: settings.name, on: date, defaultThresholds: policy.defaultThresholds,
            expiredAlertDays: policy.expiredAlertDays, including: named)
        // Every agreement with a sent alert is a candidate: `ids` empty means nothing was sent either.
        guard !ids.isEmpty else { return AlertmanagerPlan(current: [], sent: []) }
        let current = try await agreements.inputs(ids: ids).compactMap {
            ExpiryAlert($0, on: date, defaultThresholds: policy.defaultThresholds, expiredAlertDays: policy.expiredAlertDays)
        }
        let plan = AlertmanagerPlan(current: current, sent: try await sentAlerts.sent(channel: settings.name))
        guard !plan.isEmpty else { return plan }
        let payload = AlertmanagerPayload(
            date: date, now: now, timeZone: policy.timeZone, resendSeconds: settings.resendSeconds, publicURL: publicURL)
        try await post(payload.body(for: plan))
        try await sentAlerts.record(plan, channel: settings.name)
        return plan
    }

    private func post(_ body: [UInt8]) async throws {
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        // A round must end before the next is due; Alertmanager answers in milliseconds.
        let timeout = TimeAmount.seconds(Int64(min(max(settings.resendSeconds, 1), 30)))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw AlertmanagerDeliveryError(channel: settings.name, endpoint: endpoint, status: nil, detail: "\(error)")
        }
        guard (200..<300).contains(response.status.code) else {
            let answer = (try? await response.body.collect(upTo: 4096)).map { String(buffer: $0) } ?? ""
            throw AlertmanagerDeliveryError(
                channel: settings.name, endpoint: endpoint, status: Int(response.status.code),
                detail: String(answer.prefix(200)))
        }
        // The answer says nothing more; read it to its end so the connection can be reused.
        _ = try? await response.body.collect(upTo: 65_536)
    }
}
