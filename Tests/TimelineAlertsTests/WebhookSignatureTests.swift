import Foundation
import Testing
import TimelineAlerts

/// Standard Webhooks signing, checked against the specification's own test vector.
@Suite("Standard Webhooks signatures")
struct WebhookSignatureTests {
    /// The vector every reference library of github.com/standard-webhooks/standard-webhooks tests
    /// (`libraries/go/webhook_test.go` `TestSign`, `libraries/python/tests/test_webhooks.py`,
    /// `libraries/javascript/src/webhook.test.ts`), commit b2fa7b8.
    @Test func theSpecificationsVectorSignsAlike() throws {
        let key = try #require(WebhookSecret.key(from: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        let header = WebhookSignature.header(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Array(#"{"test": 2432232314}"#.utf8), key: key)
        #expect(header == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func everySignedPartChangesTheSignature() throws {
        let key = try #require(WebhookSecret.key(from: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        let body = Array(#"{"test": 2432232314}"#.utf8)
        let reference = WebhookSignature.header(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body, key: key)
        #expect(WebhookSignature.header(id: "msg_p5jXN8AQM9LWM0D4loKWxJeK", timestamp: 1_614_265_330, body: body, key: key) != reference)
        #expect(WebhookSignature.header(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_331, body: body, key: key) != reference)
        #expect(WebhookSignature.header(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body + [0x20], key: key) != reference)
    }

    @Test func aSecretIsWhsecAndBase64WithSurroundingWhitespaceIgnored() {
        #expect(WebhookSecret.key(from: "  whsec_AAEC/w==\n") == [0, 1, 2, 255])
        #expect(WebhookSecret.key(from: "whsec_") == nil)
        #expect(WebhookSecret.key(from: "AAEC/w==") == nil)
        #expect(WebhookSecret.key(from: "whsec_not base64!") == nil)
        #expect(WebhookSecret.key(from: "whsk_AAEC/w==") == nil)
    }
}
