import Crypto
import Foundation

/// The `webhook-signature` header of Standard Webhooks: `v1,` and the base64 HMAC-SHA256, under
/// the endpoint's key, of `{webhook-id}.{webhook-timestamp}.{body}`.
public enum WebhookSignature {
    public static func header(id: String, timestamp: Int, body: [UInt8], key: [UInt8]) -> String {
        var content = Array("\(id).\(timestamp).".utf8)
        content += body
        let code = HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: key))
        return "v1," + Data(code).base64EncodedString()
    }
}
