import EmbeddedPostgres
import Foundation
import Logging
import Postgres

/// Which PostgreSQL timelined uses (contract §6, `database.url`): the configured URL; else
/// the server the standard `PG*` variables name; else a private cluster of its own.
public enum DatabaseTarget: Sendable {
    case external(ConnectionString)
    case embedded(EmbeddedPostgres)

    /// Variables with which libpq finds a server by itself.
    static let libpqServerVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGSERVICE", "PGUSER"]

    public init(configuration: DaemonConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) {
        if let url = configuration.database.url, !url.isEmpty {
            self = .external(ConnectionString(url))
        } else if Self.libpqServerVariables.contains(where: { environment[$0]?.isEmpty == false }) {
            self = .external(ConnectionString(""))
        } else {
            self = .embedded(EmbeddedPostgres(directory: configuration.database.embeddedDirectory, logger: logger))
        }
    }

    public var connectionString: ConnectionString {
        switch self {
        case .external(let connectionString): connectionString
        case .embedded(let cluster): ConnectionString(cluster.connectionString)
        }
    }

    /// The cluster the daemon runs itself, if it does.
    var embeddedCluster: EmbeddedPostgres? {
        if case .embedded(let cluster) = self { cluster } else { nil }
    }
}
