import Logging
import Postgres
import ServiceLifecycle
import TimelineAPI
import TimelineStore

/// Feeds the commits of every daemon on the database to this daemon's cache of rendered
/// responses, which frees what they made stale.
struct ResponseCacheInvalidation: Service {
    let cache: RenderedResponseCache
    let connectionString: ConnectionString
    /// Listening starts once the database is there (an embedded cluster may still be starting),
    /// as the alert engine's does; until then there is nothing cached to free.
    let waitForSchema: @Sendable () async -> Bool
    let logger: Logger

    func run() async throws {
        guard await waitForSchema() else { return }
        let feed = AgreementChangeFeed(connectionString: connectionString, logger: logger, hearing: [.commits])
        let changes = feed.changes()
        await cancelWhenGracefulShutdown {
            for await change in changes {
                cache.heard(change)
            }
        }
        feed.stop()
    }
}
