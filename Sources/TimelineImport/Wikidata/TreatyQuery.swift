/// The SPARQL query of `docs/wikidata-treaties.rq`, compiled in so that `--endpoint` runs
/// exactly the file the repository ships.
public enum TreatyQuery {
    public static let text = String(decoding: PackageResources.wikidata_treaties_rq, as: UTF8.self)
}
