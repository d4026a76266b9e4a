import TimelineStore

/// What the API reads and writes through: the stores behind one-method protocols, so that a test
/// can put a fake in for one of them (an ingestor that fails, a probe that says waiting) and the
/// real stores in for the rest.
public struct APIDependencies: Sendable {
    /// The one ingest path (`EventIngestor`).
    public var ingestor: any EventIngesting
    /// The event reads and the timeline (`EventReadStore`).
    public var events: any EventReading
    /// `DELETE /v1/events/{id}` (`EventRetractor`).
    public var retractor: any EventRetracting
    /// `POST /v1/events/{id}/confirm` (`EventConfirmer`).
    public var confirmer: any EventConfirming
    /// The actor reads (`ActorStore`).
    public var actors: any ActorReading
    /// Lifecycle views, alerts and the calendar feed's inputs (`AgreementStore`).
    public var agreements: any AgreementReading
    /// `POST /v1/agreements` (`AgreementStore`).
    public var agreementDefiner: any AgreementDefining
    /// The notification ledger (`NotificationLedger`).
    public var notifications: any NotificationReading
    /// The outbox's delivery rows (`DeliveryOutbox`).
    public var deliveries: any DeliveryReading
    /// Answers `/readyz`.
    public var readiness: any ReadinessProbe
    /// Read at every `/metrics` scrape.
    public var pool: any PoolOccupancyProviding
    /// The agreement series of `/metrics` (`AgreementMetricsStore`); nil: none.
    public var agreementMetrics: (any AgreementMetricsReading)?
    /// The change sequence every ETag hashes (`ChangeSequenceStore`).
    public var changes: any ChangeSequenceReading
    /// Rendered timeline JSON, TimelineJS and pages; the daemon feeds it the change feed.
    public var responseCache: RenderedResponseCache

    public init(
        ingestor: any EventIngesting, events: any EventReading, retractor: any EventRetracting,
        confirmer: any EventConfirming, actors: any ActorReading,
        agreements: any AgreementReading, agreementDefiner: any AgreementDefining, notifications: any NotificationReading,
        deliveries: any DeliveryReading, readiness: any ReadinessProbe, pool: any PoolOccupancyProviding,
        changes: any ChangeSequenceReading, responseCache: RenderedResponseCache = RenderedResponseCache(),
        agreementMetrics: (any AgreementMetricsReading)? = nil
    ) {
        self.ingestor = ingestor
        self.events = events
        self.retractor = retractor
        self.confirmer = confirmer
        self.actors = actors
        self.agreements = agreements
        self.agreementDefiner = agreementDefiner
        self.notifications = notifications
        self.deliveries = deliveries
        self.readiness = readiness
        self.pool = pool
        self.agreementMetrics = agreementMetrics
        self.changes = changes
        self.responseCache = responseCache
    }
}
