/// Who an ingest speaks for (contract §9), recorded on every revision it writes.
public enum IngestOrigin: String, Sendable, CaseIterable {
    /// The API, `timelined ingest`, the spool's v1 formats, a confirmation or a retraction.
    case person
    /// An importer of machine-coded sources (GDELT): once a person wrote a revision of an
    /// event, an importer only adds new sources to it.
    case importer
}
