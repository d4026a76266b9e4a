import Configuration

/// The environment and the optional file, asked in that order: a `TIMELINED_*` variable wins
/// over the file. Values are fetched as the text they were written as, so that a conversion
/// error can quote it and name the variable or file it came from.
struct ConfigurationSources {
    private let environment: KeyMappingProvider<EnvironmentVariablesProvider>
    private let file: ConfigurationFile?

    init(environment variables: [String: String], file: ConfigurationFile?) {
        // The library turns `http.port` into `HTTP_PORT`; the prefix makes it `TIMELINED_HTTP_PORT`.
        environment = KeyMappingProvider(upstream: EnvironmentVariablesProvider(environmentVariables: variables)) {
            $0.prepending(["timelined"])
        }
        self.file = file
    }

    /// Where `key` is set, with its text; nil when neither source sets it.
    func setting(_ key: ConfigurationKey) throws(ConfigurationError) -> ConfigurationSetting? {
        let configKey = AbsoluteConfigKey(key.components)
        do {
            let fromEnvironment = try environment.value(forKey: configKey, type: .string)
            if case .string(let text)? = fromEnvironment.value?.content {
                return ConfigurationSetting(key: key, value: .scalar(text), source: fromEnvironment.encodedKey)
            }
            guard let file else { return nil }
            return try fileSetting(key, configKey: configKey, in: file)
        } catch {
            throw ConfigurationError(key: key.rawValue, message: "cannot be read: \(error)")
        }
    }

    private func fileSetting(
        _ key: ConfigurationKey,
        configKey: AbsoluteConfigKey,
        in file: ConfigurationFile
    ) throws -> ConfigurationSetting? {
        // Asking for a string fails on a YAML sequence; only then is it asked for as a list.
        if let value = try? file.snapshot.value(forKey: configKey, type: .string).value,
            case .string(let text) = value.content
        {
            return ConfigurationSetting(key: key, value: .scalar(text), source: file.path)
        }
        guard let value = try file.snapshot.value(forKey: configKey, type: .stringArray).value,
            case .stringArray(let items) = value.content
        else { return nil }
        return ConfigurationSetting(key: key, value: .list(items), source: file.path)
    }

    /// `alerts.channels`: the environment's JSON array, which replaces the file's list, or the file's list.
    func alertChannelEntries() throws(ConfigurationError) -> [AlertChannelEntry] {
        if let setting = try setting(.alertsChannels) {
            return try AlertChannelEntry.entries(json: try setting.scalar(expected: "a JSON array"), source: setting.source)
        }
        guard let file, let node = file.alertChannels else { return [] }
        return try AlertChannelEntry.entries(yaml: node, source: file.path)
    }

    /// Fails on the first key in the file the daemon does not know, such as a misspelt `htpp.port`.
    func rejectUnknownFileKeys() throws(ConfigurationError) {
        guard let file else { return }
        for key in file.keys.sorted() where ConfigurationKey(rawValue: key) == nil {
            guard ConfigurationKey.isSection(key) else {
                throw ConfigurationError(key: key, message: "unknown key (in \(file.path))")
            }
            // `ingest:` with nothing under it (its keys commented out) parses as an empty value
            // for the section; anything else there is a mistake.
            let section = AbsoluteConfigKey(key.split(separator: ".").map(String.init))
            let value = try? file.snapshot.value(forKey: section, type: .string).value
            if case .string(let text)? = value?.content, ConfigurationSetting.isNull(text) { continue }
            throw ConfigurationError(key: key, message: "is a section and takes keys, not a value (in \(file.path))")
        }
    }
}
