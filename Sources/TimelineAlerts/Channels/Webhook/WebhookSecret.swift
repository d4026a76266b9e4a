import Foundation

/// A Standard Webhooks symmetric secret as it is written down: `whsec_` and the key in base64.
public enum WebhookSecret {
    public static let prefix = "whsec_"

    /// The HMAC key `text` holds, surrounding whitespace (a secret file's last newline) ignored;
    /// nil unless it is `whsec_` followed by non-empty base64.
    public static func key(from text: String) -> [UInt8]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(prefix), let key = Data(base64Encoded: String(trimmed.dropFirst(prefix.count))), !key.isEmpty else {
            return nil
        }
        return Array(key)
    }
}
