import Foundation
import TimelineCore
import TimelineStore

/// A delivery as one CloudEvents 1.0 event in structured JSON mode (contract v1.1 §12): `id` the
/// delivery's stable id, `type` `org.timelined.agreement.<event>`, `time` when the notification
/// was emitted, `subject` the agreement, `data` the notification.
public enum WebhookEvent {
    public static let contentType = "application/cloudevents+json"

    /// The body's bytes; the same for every attempt at one delivery while its notification and
    /// the agreement's title stay as they are.
    public static func body(of delivery: OutboxDelivery, source: String) throws(JSONParseError) -> [UInt8] {
        let data = try JSONValue(parsing: delivery.document)
        let event: JSONValue = .object([
            "specversion": .string("1.0"),
            "id": .string(delivery.id),
            "source": .string(source),
            "type": .string("org.timelined.agreement.\(delivery.event.rawValue)"),
            "time": .string(delivery.emittedAt),
            "subject": .string(delivery.agreementID),
            "datacontenttype": .string("application/json"),
            "data": data,
        ])
        return Array(event.canonicalText.utf8)
    }
}
