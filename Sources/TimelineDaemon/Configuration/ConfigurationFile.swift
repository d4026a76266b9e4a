import Configuration
import Foundation
import Synchronization
import Yams

/// A parsed YAML configuration file, together with every key it sets.
struct ConfigurationFile {
    let path: String
    let snapshot: YAMLSnapshot
    /// The dotted key of every value in the file (`http.port`), in no particular order.
    let keys: [String]
    /// `alerts.channels` as written: a list of mappings, which YAMLSnapshot cannot hold, so it is
    /// taken out of the document before the snapshot parses the rest.
    let alertChannels: Node?

    init(path: String) throws(ConfigurationError) {
        // The file is read here rather than through `FileProvider`, whose errors are of a
        // package-internal type: this way the message can carry the system's reason.
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(key: nil, message: "cannot read \(path): \(Self.reason(error))")
        }
        // YAMLSnapshot offers no way to list its keys, but it asks the secrets specifier about
        // each one while parsing: that question is used to collect them.
        let collector = KeyCollector()
        let options = YAMLSnapshot.ParsingOptions(
            secretsSpecifier: .dynamic { key, _ in
                collector.add(key)
                return false
            }
        )
        // A file of nothing but comments is a valid, empty configuration, while YAMLSnapshot
        // insists on a top-level mapping: hand it an empty one.
        var document = Self.isBlank(data) ? Data("{}".utf8) : data
        do {
            let taken = try Self.takingAlertChannels(from: document)
            document = taken.document
            alertChannels = taken.channels
            snapshot = try YAMLSnapshot(data: document.bytes, providerName: path, parsingOptions: options)
        } catch {
            throw ConfigurationError(key: nil, message: "cannot parse \(path): \(Self.oneLine(error))")
        }
        self.path = path
        keys = collector.keys
    }

    /// The document without `alerts.channels`, and that node; the document as it was when it
    /// has none.
    private static func takingAlertChannels(from document: Data) throws -> (document: Data, channels: Node?) {
        guard case .mapping(var root)? = try Yams.compose(yaml: String(decoding: document, as: UTF8.self)),
              case .mapping(var alerts)? = root["alerts"], let channels = alerts["channels"]
        else { return (document, nil) }
        alerts["channels"] = nil
        root["alerts"] = .mapping(alerts)
        return (Data(try Yams.serialize(node: .mapping(root)).utf8), channels)
    }

    /// True when the text holds no YAML node: only blank lines, comments and document markers.
    private static func isBlank(_ data: Data) -> Bool {
        String(decoding: data, as: UTF8.self)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .allSatisfy { $0.isEmpty || $0.hasPrefix("#") || $0 == "---" || $0 == "..." }
    }

    /// The operating system's reason (e.g. "No such file or directory") when Foundation has one.
    static func reason(_ error: any Error) -> String {
        // A POSIXError on Linux, an NSError on Darwin: bridged, both are in the POSIX domain.
        guard let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? any Error,
            (underlying as NSError).domain == NSPOSIXErrorDomain
        else { return error.localizedDescription }
        return String(cString: strerror(Int32((underlying as NSError).code)))
    }

    /// Yams reports a syntax error over several lines, quoting the offending line and a caret
    /// under it (or a "Context:" block); the position is already in the first line, so keep
    /// only the prose to stay within the one-line contract.
    private static func oneLine(_ error: any Error) -> String {
        var lines = "\(error)".split(whereSeparator: \.isNewline).map(String.init)
        if let context = lines.firstIndex(of: "Context:") {
            lines.removeSubrange(context...)
        }
        if lines.count >= 2, lines.last?.trimmingCharacters(in: .whitespaces) == "^" {
            lines.removeLast(2)
        }
        let text = lines.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return text.hasSuffix(":") ? String(text.dropLast()) : text
    }
}

/// Collects the keys YAMLSnapshot reports while parsing; the closure that feeds it must be
/// `@Sendable`, hence the lock.
private final class KeyCollector: Sendable {
    private let collected = Mutex<[String]>([])

    func add(_ key: String) {
        collected.withLock { $0.append(key) }
    }

    var keys: [String] {
        collected.withLock { $0 }
    }
}
