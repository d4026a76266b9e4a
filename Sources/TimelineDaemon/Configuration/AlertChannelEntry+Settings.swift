import Foundation
import TimelineAlerts
import TimelineCore

extension AlertChannelEntry {
    enum ChannelType: String, CaseIterable {
        case alertmanager, webhook
    }

    /// The validated channels of `entries`: names unique, every field known to the entry's type,
    /// webhook secrets read from their files (whose paths go no further).
    static func settings(of entries: [AlertChannelEntry]) throws(ConfigurationError) -> [AlertChannelSettings] {
        var names: Set<String> = []
        var channels: [AlertChannelSettings] = []
        for entry in entries {
            let channel = try entry.settings()
            guard names.insert(channel.name).inserted else {
                throw entry.failure("name", "'\(channel.name)' names an earlier channel too; names must be unique")
            }
            channels.append(channel)
        }
        return channels
    }

    func settings() throws(ConfigurationError) -> AlertChannelSettings {
        let typeNames = ChannelType.allCases.map(\.rawValue).joined(separator: " or ")
        guard let typeText = fields["type"] else { throw failure("type", "is required: \(typeNames)") }
        guard let type = ChannelType(rawValue: typeText) else { throw failure("type", "expected \(typeNames), got '\(typeText)'") }
        let known: Set<String> = switch type {
        case .alertmanager: ["name", "type", "url", "resend_seconds"]
        case .webhook: ["name", "type", "url", "secret_file", "timeout_seconds"]
        }
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw failure(unknown, "is not a setting of a \(type.rawValue) channel")
        }
        let name = try self.name()
        let url = try self.url()
        switch type {
        case .alertmanager:
            return .alertmanager(AlertmanagerChannelSettings(
                name: name, url: url, resendSeconds: try integer("resend_seconds", in: 1...86_400, default: 60)))
        case .webhook:
            return .webhook(WebhookChannelSettings(
                name: name, url: url, signingKey: try signingKey(),
                timeoutSeconds: try integer("timeout_seconds", in: 1...300, default: 15)))
        }
    }

    /// What delivery rows, logs and metric labels call the channel.
    private func name() throws(ConfigurationError) -> String {
        guard let name = fields["name"] else { throw failure("name", "is required") }
        let allowed = name.utf8.allSatisfy { ASCII.isAlphanumeric($0) || Array("._-".utf8).contains($0) }
        guard (1...64).contains(name.utf8.count), allowed else {
            throw failure("name", "expected 1 to 64 letters, digits, '.', '_' or '-', got '\(name)'")
        }
        return name
    }

    private func url() throws(ConfigurationError) -> String {
        guard let text = fields["url"] else { throw failure("url", "is required") }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
            throw failure("url", "expected an http or https URL, got '\(text)'")
        }
        return text
    }

    private func integer(_ field: String, in range: ClosedRange<Int>, default value: Int) throws(ConfigurationError) -> Int {
        guard let text = fields[field] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw failure(field, "expected an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }

    /// The key of `secret_file`; the file's text is never quoted back.
    private func signingKey() throws(ConfigurationError) -> [UInt8] {
        guard let path = fields["secret_file"] else { throw failure("secret_file", "is required for a webhook channel") }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw failure("secret_file", "cannot read \(path): \(ConfigurationFile.reason(error))")
        }
        guard let key = WebhookSecret.key(from: text) else {
            throw failure("secret_file", "\(path) does not hold '\(WebhookSecret.prefix)' followed by a base64 key")
        }
        return key
    }
}
