import Foundation
import HummingbirdTesting

/// The seed story of the agreement endpoints: `docs/examples/sample-events.ndjson` (the 1979
/// US–China Science and Technology Agreement, lapsed on 2023-08-27) plus the six-month extension
/// agreed that day, which moves its expiry to 2024-02-27.
enum SeedAgreement {
    static let id = "us-cn-sta"
    static let title = "US–China Science and Technology Cooperation Agreement"
    static let expiresOn = "2024-02-27"

    static let sampleEvents = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/examples/sample-events.ndjson")

    static let extensionRecord = """
        {"key": "us-cn-sta-extension-2023", "kind": "extension", "title": "Six-month extension of the agreement", \
        "date": "2023-08-27", "agreement": "us-cn-sta", "extends_by": "P6M", "actors": ["US", "CN"]}
        """

    /// Ingests the sample events and the extension; answers the extension's event id.
    static func ingest(into client: any TestClientProtocol) async throws -> String {
        let sample = try String(contentsOf: sampleEvents, encoding: .utf8)
        let response = try await client.post(sample, headers: Body.ndjson)
        guard response.status == .ok else { throw UnexpectedResponse(description: "the sample answered \(response.status): \(response.text)") }
        return try await client.ingest(extensionRecord)[0]
    }
}

/// `{"id", "title", "alert_days"?}` for `POST /v1/agreements`.
func agreementBody(_ id: String, title: String = "An agreement", alertDays: [Int]? = nil) -> String {
    let days = alertDays.map { #", "alert_days": \#($0)"# } ?? ""
    return #"{"id": "\#(id)", "title": "\#(title)"\#(days)}"#
}

/// An agreement's lifecycle view (contract §4).
struct LifecycleDocument: Decodable, Equatable {
    struct Entry: Decodable, Equatable {
        let event: String
        let kind: String
        let date: String
        let expiresOn: String?

        private enum CodingKeys: String, CodingKey {
            case event, kind, date
            case expiresOn = "expires_on"
        }
    }

    let id: String
    let title: String
    let parties: [String]
    let asOf: String
    let signedOn: String?
    let inForceFrom: String?
    let expiresOn: String?
    let status: String
    let daysRemaining: Int?
    let alertDays: [Int]
    let history: [Entry]

    private enum CodingKeys: String, CodingKey {
        case id, title, parties, status, history
        case asOf = "as_of"
        case signedOn = "signed_on"
        case inForceFrom = "in_force_from"
        case expiresOn = "expires_on"
        case daysRemaining = "days_remaining"
        case alertDays = "alert_days"
    }
}

struct AgreementListDocument: Decodable {
    let agreements: [LifecycleDocument]
}

struct AlertListDocument: Decodable {
    struct Alert: Decodable, Equatable {
        let agreement: String
        let title: String
        let expiresOn: String
        let daysRemaining: Int
        let status: String
        let nextThreshold: Int?

        private enum CodingKeys: String, CodingKey {
            case agreement, title, status
            case expiresOn = "expires_on"
            case daysRemaining = "days_remaining"
            case nextThreshold = "next_threshold"
        }
    }

    let asOf: String
    let alerts: [Alert]

    private enum CodingKeys: String, CodingKey {
        case alerts
        case asOf = "as_of"
    }
}

struct NotificationListDocument: Decodable {
    struct Notification: Decodable, Equatable {
        let event: String
        let agreement: String
        let expiresOn: String?
        let threshold: Int?
        let previousExpiresOn: String?
        let evaluatedOn: String
        let emittedAt: String

        private enum CodingKeys: String, CodingKey {
            case event, agreement, threshold
            case expiresOn = "expires_on"
            case previousExpiresOn = "previous_expires_on"
            case evaluatedOn = "evaluated_on"
            case emittedAt = "emitted_at"
        }
    }

    let notifications: [Notification]
}
