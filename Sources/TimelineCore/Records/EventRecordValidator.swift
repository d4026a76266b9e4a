/// Contract §2: turns a JSON value into an `EventRecord`, or reports every issue it has.
///
/// Checks that need the database (an agreement id that must exist, `extends_by` without a previous
/// expiry) are left to the store.
public enum EventRecordValidator {
    public static let maximumTitleLength = 500
    public static let maximumSummaryLength = 20_000
    public static let maximumLocationLength = 200
    public static let maximumSources = 50
    public static let maximumURLLength = 2_000
    public static let maximumTags = 50
    public static let maximumTagLength = 64
    /// A summit has dozens of participants; the schema holds this many actors of 64 characters.
    public static let maximumActors = 100
    /// Not fixed by the contract; generous for a person's name or a role such as "signatory".
    public static let maximumActorTextLength = 200
    /// Not fixed by the contract; the same as a record's title.
    public static let maximumSourceTitleLength = 500

    static let fields = [
        "key", "kind", "title", "date", "end_date", "actors", "location", "agreement",
        "expires_on", "extends_by", "summary", "sources", "tags", "status",
    ]

    /// Fields of the read side that clients may copy back into a post by mistake.
    static let serverFields = [
        "id": "assigned by the server; use 'key' to identify a record",
        "revision": "set by the server",
        "recorded_at": "set by the server",
        "precision": "derived from 'date' by the server",
        "retracted": "set by the server; retract with DELETE /v1/events/{id}",
        "origin": "set by the server: whether a person or an importer wrote the revision",
    ]

    /// `room`: how many issues get a message (the rest are counted), when other records have
    /// filled part of a request's report already.
    public static func validate(
        _ value: JSONValue, index: Int?, room: Int = ValidationErrors.maximumReported
    ) -> Result<EventRecord, ValidationErrors> {
        var issues = IssueCollector(index: index, room: room)
        guard case .object(let object) = value else {
            issues.add("", "a record must be a JSON object, not \(value.typeDescription)")
            return .failure(issues.errors)
        }

        let key = issues.identifier(object["key"], at: "key", required: false, .key)
        let kind = kind(object["kind"], &issues)
        let title = issues.text(
            object["title"], at: "title", required: true, maximumLength: maximumTitleLength, trimmed: true)
        let date = issues.partialDate(object["date"], at: "date", required: true)
        let endDate = issues.partialDate(object["end_date"], at: "end_date")
        if let date, let endDate, endDate.start < date.start {
            issues.add("end_date", "\(endDate) starts before the date \(date)")
        }
        let actors = actors(object["actors"], &issues)
        let location = issues.text(object["location"], at: "location", maximumLength: maximumLocationLength)
        let agreement = agreement(object["agreement"], &issues)
        if let kind, kind.isLifecycle, !IssueCollector.isGiven(object["agreement"]) {
            issues.add("agreement", "is required for a '\(kind.rawValue)' event")
        }
        let expiresOn = expiresOn(object["expires_on"], kind: kind, &issues)
        let extendsBy = extendsBy(object["extends_by"], kind: kind, &issues)
        if IssueCollector.isGiven(object["expires_on"]), IssueCollector.isGiven(object["extends_by"]) {
            issues.add("extends_by", "give either expires_on or extends_by, not both")
        }
        let summary = issues.text(object["summary"], at: "summary", maximumLength: maximumSummaryLength)
        let sources = sources(object["sources"], &issues)
        let tags = tags(object["tags"], &issues)
        let status = status(object["status"], &issues)
        issues.rejectUnknownMembers(of: object, allowed: fields, at: "", hints: serverFields)

        guard issues.isEmpty, let kind, let title, let date else {
            return .failure(issues.errors)
        }
        return .success(
            EventRecord(
                key: key, kind: kind, title: title, date: date, endDate: endDate, actors: actors ?? [],
                location: location, agreement: agreement, expiresOn: expiresOn, extendsBy: extendsBy,
                summary: summary, sources: sources ?? [], tags: tags ?? [], status: status ?? .confirmed))
    }

    /// All records, or the issues of every record (each with its index): a request is atomic.
    public static func validate(batch: [JSONValue]) -> Result<[EventRecord], ValidationErrors> {
        var validator = RecordBatchValidator()
        for value in batch { validator.add(value) }
        return validator.finish()
    }

    // MARK: - Fields

    private static func kind(_ value: JSONValue?, _ issues: inout IssueCollector) -> EventKind? {
        guard let text = issues.string(value, at: "kind", required: true) else { return nil }
        guard let kind = EventKind(rawValue: text) else {
            issues.add(
                "kind", "unknown kind \(Quoting.quoted(text)); expected one of \(EventKind.list(EventKind.allCases))")
            return nil
        }
        return kind
    }

    private static func status(_ value: JSONValue?, _ issues: inout IssueCollector) -> CurationStatus? {
        guard let text = issues.string(value, at: "status", required: false) else { return nil }
        guard let status = CurationStatus(rawValue: text) else {
            issues.add("status", "unknown status \(Quoting.quoted(text)); expected one of \(CurationStatus.list)")
            return nil
        }
        return status
    }

    private static func actors(_ value: JSONValue?, _ issues: inout IssueCollector) -> [ActorReference]? {
        guard let elements = issues.array(value, at: "actors", maximumCount: maximumActors, noun: "actors")
        else { return nil }
        var actors: [ActorReference] = []
        var firstPosition: [String: Int] = [:]
        for (position, element) in elements.enumerated() {
            // Paths are built only when an issue needs one: most records have none.
            func path() -> String { IssueCollector.element("actors", position) }
            let actor: ActorReference?
            switch element {
            case .string:
                actor = issues.identifier(element, at: path(), required: true, .actor).map(ActorReference.bare)
            case .object(let members):
                actor = actorObject(members, at: path(), &issues)
            default:
                actor = nil
                issues.add(
                    path(), "must be an actor id string or an object {id, role?, name?}, not \(element.typeDescription)"
                )
            }
            guard let actor else { continue }
            if let first = firstPosition[actor.id] {
                let idPath = actor.isBareID ? path() : IssueCollector.member(path(), "id")
                issues.add(idPath, "actor \(Quoting.quoted(actor.id)) is listed twice (first at actors[\(first)])")
                continue
            }
            firstPosition[actor.id] = position
            actors.append(actor)
        }
        return actors
    }

    private static func actorObject(
        _ members: [String: JSONValue], at path: @autoclosure () -> String, _ issues: inout IssueCollector
    ) -> ActorReference? {
        let id = issues.identifier(members["id"], at: IssueCollector.member(path(), "id"), required: true, .actor)
        let role = issues.text(
            members["role"], at: IssueCollector.member(path(), "role"), maximumLength: maximumActorTextLength)
        let name = issues.text(
            members["name"], at: IssueCollector.member(path(), "name"), maximumLength: maximumActorTextLength)
        issues.rejectUnknownMembers(of: members, allowed: ["id", "role", "name"], at: path())
        // With a bad role or name already reported, the id still takes part in the duplicate check.
        guard let id else { return nil }
        return ActorReference(id: id, role: role, name: name)
    }

    private static func agreement(_ value: JSONValue?, _ issues: inout IssueCollector) -> AgreementReference? {
        guard let value, value != .null else { return nil }
        switch value {
        case .string:
            return issues.identifier(value, at: "agreement", required: true, .agreement).map(AgreementReference.id)
        case .object(let members):
            let id = issues.identifier(members["id"], at: "agreement.id", required: true, .agreement)
            let title = issues.text(
                members["title"], at: "agreement.title", required: true, maximumLength: maximumTitleLength,
                trimmed: true)
            let parties = issues.actorIDList(members["parties"], at: "agreement.parties")
            issues.rejectUnknownMembers(of: members, allowed: ["id", "title", "parties"], at: "agreement")
            guard let id, let title else { return nil }
            return .definition(AgreementDefinition(id: id, title: title, parties: parties))
        default:
            issues.add(
                "agreement",
                "must be an agreement id string or an object {id, title, parties?}, not \(value.typeDescription)")
            return nil
        }
    }

    private static func expiresOn(
        _ value: JSONValue?, kind: EventKind?, _ issues: inout IssueCollector
    ) -> CalendarDate? {
        guard let date = issues.partialDate(value, at: "expires_on") else { return nil }
        var isValid = true
        if date.precision != .day {
            issues.add("expires_on", "must be a full date YYYY-MM-DD, not a \(date.precision.name) ('\(date)')")
            isValid = false
        }
        if let kind, !kind.allowsExpiresOn {
            let allowed = EventKind.allCases.filter(\.allowsExpiresOn)
            issues.add(
                "expires_on", "is not allowed on a '\(kind.rawValue)' event, only on \(EventKind.list(allowed))")
            isValid = false
        }
        return isValid ? date.start : nil
    }

    private static func extendsBy(
        _ value: JSONValue?, kind: EventKind?, _ issues: inout IssueCollector
    ) -> ISODuration? {
        guard let text = issues.string(value, at: "extends_by", required: false) else { return nil }
        var duration: ISODuration?
        do {
            duration = try ISODuration(parsing: text)
        } catch {
            issues.add("extends_by", error.description)
        }
        if let kind, !kind.allowsExtendsBy {
            issues.add("extends_by", "is not allowed on a '\(kind.rawValue)' event, only on extension and renewal")
            return nil
        }
        return duration
    }

    private static func sources(_ value: JSONValue?, _ issues: inout IssueCollector) -> [EventSource]? {
        guard let elements = issues.array(value, at: "sources", maximumCount: maximumSources, noun: "sources")
        else { return nil }
        var sources: [EventSource] = []
        for (position, element) in elements.enumerated() {
            func path() -> String { IssueCollector.element("sources", position) }
            guard case .object(let members) = element else {
                issues.add(path(), "must be an object with a url, a title or both, not \(element.typeDescription)")
                continue
            }
            let url = sourceURL(members["url"], at: IssueCollector.member(path(), "url"), &issues)
            let title = issues.text(
                members["title"], at: IssueCollector.member(path(), "title"), maximumLength: maximumSourceTitleLength)
            let published = issues.partialDate(members["published"], at: IssueCollector.member(path(), "published"))
            issues.rejectUnknownMembers(of: members, allowed: ["url", "title", "published"], at: path())
            if !IssueCollector.isGiven(members["url"]), !IssueCollector.isGiven(members["title"]) {
                issues.add(path(), "needs a url, a title or both")
            }
            sources.append(EventSource(url: url, title: title, published: published))
        }
        return sources
    }

    private static func sourceURL(
        _ value: JSONValue?, at field: @autoclosure () -> String, _ issues: inout IssueCollector
    ) -> String? {
        guard let url = issues.string(value, at: field(), required: false) else { return nil }
        if url.utf8.count > maximumURLLength, url.unicodeScalars.count > maximumURLLength {
            issues.add(
                field(),
                "must be at most \(Quoting.grouped(maximumURLLength)) characters (got \(Quoting.grouped(url.unicodeScalars.count)))")
            return nil
        }
        guard isHTTPURL(url) else {
            issues.add(field(), "\(Quoting.quoted(url)) is not an http or https URL")
            return nil
        }
        return url
    }

    /// A scheme of http or https, a non-empty host, and no spaces or control characters.
    public static func isHTTPURL(_ url: String) -> Bool {
        let bytes = Array(url.utf8)
        guard !bytes.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else { return false }
        let lowered = url.prefix(8).lowercased()
        let schemeLength: Int
        if lowered.hasPrefix("https://") {
            schemeLength = 8
        } else if lowered.hasPrefix("http://") {
            schemeLength = 7
        } else {
            return false
        }
        let authority = bytes[schemeLength...].prefix {
            $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#")
        }
        let host = authority.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false).last ?? []
        return !host.isEmpty && host.first != UInt8(ascii: ":")
    }

    private static func tags(_ value: JSONValue?, _ issues: inout IssueCollector) -> [String]? {
        guard let elements = issues.array(value, at: "tags", maximumCount: maximumTags, noun: "tags") else {
            return nil
        }
        var tags: [String] = []
        var firstPosition: [String: Int] = [:]
        for (position, element) in elements.enumerated() {
            func path() -> String { IssueCollector.element("tags", position) }
            guard let tag = issues.text(element, at: path(), required: true, maximumLength: maximumTagLength) else {
                continue
            }
            if let first = firstPosition[tag] {
                issues.add(path(), "tag \(Quoting.quoted(tag)) is listed twice (first at tags[\(first)])")
                continue
            }
            firstPosition[tag] = position
            tags.append(tag)
        }
        return tags
    }
}
