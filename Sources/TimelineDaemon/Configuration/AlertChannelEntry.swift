import TimelineCore
import Yams

/// One entry of `alerts.channels` as written, in the YAML file or in `TIMELINED_ALERTS_CHANNELS`
/// (a JSON array): its fields' texts, and where it was found. Both forms come to this, so one
/// validation (`AlertChannelEntry.settings`) serves them.
struct AlertChannelEntry {
    /// The entry's position in the list, from 0, as its errors name it: `alerts.channels[1].url`.
    let index: Int
    let fields: [String: String]
    /// The environment variable's name or the file's path.
    let source: String

    static let key = "alerts.channels"

    /// An error about the list as a whole.
    static func failure(_ problem: String, source: String) -> ConfigurationError {
        ConfigurationError(key: key, message: "\(problem) (from \(source))")
    }

    /// An error about this entry as a whole.
    func failure(_ problem: String) -> ConfigurationError {
        ConfigurationError(key: "\(Self.key)[\(index)]", message: "\(problem) (from \(source))")
    }

    /// An error about one of this entry's fields.
    func failure(_ field: String, _ problem: String) -> ConfigurationError {
        ConfigurationError(key: "\(Self.key)[\(index)].\(field)", message: "\(problem) (from \(source))")
    }

    /// The entries of the file's list; a null value is the empty list.
    static func entries(yaml node: Node, source: String) throws(ConfigurationError) -> [AlertChannelEntry] {
        if let scalar = node.scalar, ConfigurationSetting.isNull(scalar.string) { return [] }
        guard let items = node.sequence else { throw failure("expected a list of mappings", source: source) }
        var entries: [AlertChannelEntry] = []
        for (index, item) in items.enumerated() {
            let entry = AlertChannelEntry(index: index, fields: [:], source: source)
            guard let mapping = item.mapping else { throw entry.failure("expected a mapping of name, type, url, …") }
            var fields: [String: String] = [:]
            for (key, value) in mapping {
                guard let name = key.string else { throw entry.failure("expected text keys") }
                guard let text = value.scalar?.string else { throw entry.failure(name, "expected a single value") }
                fields[name] = text
            }
            entries.append(AlertChannelEntry(index: index, fields: fields, source: source))
        }
        return entries
    }

    /// The entries of the environment's JSON array; empty text is the empty list.
    static func entries(json text: String, source: String) throws(ConfigurationError) -> [AlertChannelEntry] {
        if text.allSatisfy(\.isWhitespace) { return [] }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: text)
        } catch {
            throw failure("expected a JSON array of objects: \(error)", source: source)
        }
        guard let items = value.arrayValue else { throw failure("expected a JSON array of objects, got \(value.typeDescription)", source: source) }
        var entries: [AlertChannelEntry] = []
        for (index, item) in items.enumerated() {
            let entry = AlertChannelEntry(index: index, fields: [:], source: source)
            guard let members = item.objectValue else { throw entry.failure("expected an object, got \(item.typeDescription)") }
            var fields: [String: String] = [:]
            for (name, member) in members {
                switch member {
                case .string(let text): fields[name] = text
                case .number(let number) where number.rounded() == number && abs(number) < 1e15: fields[name] = String(Int(number))
                default: throw entry.failure(name, "expected a string or a whole number, got \(member.typeDescription)")
                }
            }
            entries.append(AlertChannelEntry(index: index, fields: fields, source: source))
        }
        return entries
    }
}
