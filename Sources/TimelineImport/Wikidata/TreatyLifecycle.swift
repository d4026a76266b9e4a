import TimelineCore

/// A treaty's lifecycle events as v1 records (contract §2, §11), each keyed by its item and the
/// property it comes from, so that a re-import updates the same events:
/// - `signing` (key `…:P1891`) at the earliest signature, or the item's own date without one;
/// - `entry_into_force` (`…:P580`) at the start time;
/// - an end time before `today` is an `expiration` (`…:P582`); one that lies ahead is the
///   `expires_on` of the entry into force (of the signing when no entry into force is known).
/// `expires_on` takes a day: a month- or year-precision end is taken at its first day, the
/// earliest it may fall on, so that thresholds warn early rather than late — and an end is "in
/// the past" once that first day is, as the lifecycle counts every partial date from its start.
/// Every record names the agreement in its object form, which creates or updates it.
enum TreatyLifecycle {
    static func records(for treaty: Treaty, today: CalendarDate, countryIDs: CountryIDStyle) -> [JSONValue] {
        let endIsPast = treaty.end.map { $0.start < today } ?? false
        let expiresOn = endIsPast ? nil : treaty.end.map { PartialDate($0.start) }
        let signing = treaty.earliestSignature ?? treaty.earliestOwnDate
        var records: [JSONValue] = []
        if let signing {
            let carriesExpiry = treaty.entryIntoForce == nil
            records.append(record(.signatory, "signing", "Signing of", signing, treaty, countryIDs, expiresOn: carriesExpiry ? expiresOn : nil))
        }
        if let entryIntoForce = treaty.entryIntoForce {
            records.append(record(.startTime, "entry_into_force", "Entry into force of", entryIntoForce, treaty, countryIDs, expiresOn: expiresOn))
        }
        if endIsPast, let end = treaty.end {
            records.append(record(.endTime, "expiration", "Expiry of", end, treaty, countryIDs, expiresOn: nil))
        }
        return records
    }

    private static func record(
        _ property: WikidataProperty, _ kind: String, _ titlePrefix: String, _ date: PartialDate, _ treaty: Treaty,
        _ countryIDs: CountryIDStyle, expiresOn: PartialDate?
    ) -> JSONValue {
        // A code the ISO table does not hold (`SU`, a former state) stays as Wikidata gives it.
        let parties = treaty.parties.map { JSONValue.string(ISOCountry.withAlpha2($0)?.id(countryIDs) ?? $0) }
        var members: [String: JSONValue] = [
            "key": .string(treaty.item.eventKey(property)),
            "kind": .string(kind),
            "title": .string("\(titlePrefix) \(treaty.title)"),
            "date": .string(date.description),
            "actors": .array(parties),
            "agreement": .object(["id": .string(treaty.item.agreementID), "title": .string(treaty.title), "parties": .array(parties)]),
            "sources": .array([.object(["url": .string(treaty.item.pageURL), "title": .string("Wikidata \(treaty.item)")])]),
            "tags": .array([.string("wikidata")]),
        ]
        if let expiresOn { members["expires_on"] = .string(expiresOn.description) }
        return .object(members)
    }
}
