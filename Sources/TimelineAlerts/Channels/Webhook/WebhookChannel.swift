import AsyncHTTPClient
import Foundation
import NIOCore
import TimelineStore

/// A receiver of signed CloudEvents (contract v1.1 §12): each delivery is `POST`ed to the
/// configured URL as one structured CloudEvent with the Standard Webhooks headers, within the
/// channel's timeout. Delivered through the outbox, so at least once, with the same
/// `webhook-id` on every attempt.
public struct WebhookChannel: OutboxChannel {
    public let settings: WebhookChannelSettings
    /// `alerts.source`: the CloudEvents `source` of every event.
    public let source: String
    private let client: HTTPClient

    public var name: String { settings.name }
    public var timeout: Duration { .seconds(settings.timeoutSeconds) }

    public init(settings: WebhookChannelSettings, source: String, client: HTTPClient) {
        self.settings = settings
        self.source = source
        self.client = client
    }

    /// The most of a response body read (and dropped) so that its connection can be reused.
    private static let responseBodyLimit = 64 * 1024

    public func send(_ delivery: OutboxDelivery) async -> DeliveryOutcome {
        let body: [UInt8]
        do {
            body = try WebhookEvent.body(of: delivery, source: source)
        } catch {
            return .failed(reason: "the notification is not JSON: \(error)")
        }
        let timestamp = Int(Date().timeIntervalSince1970)
        var request = HTTPClientRequest(url: settings.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: WebhookEvent.contentType)
        request.headers.add(name: "User-Agent", value: "timelined")
        request.headers.add(name: "webhook-id", value: delivery.id)
        request.headers.add(name: "webhook-timestamp", value: String(timestamp))
        request.headers.add(
            name: "webhook-signature", value: WebhookSignature.header(id: delivery.id, timestamp: timestamp, body: body, key: settings.signingKey))
        request.body = .bytes(body)
        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(settings.timeoutSeconds)))
            // The status decides; a body that is too long or cut short changes nothing.
            _ = try? await response.body.collect(upTo: Self.responseBodyLimit)
            return DeliveryOutcome(status: Int(response.status.code))
        } catch {
            return .retry(reason: String(describing: error))
        }
    }
}
