/// Reads values out of JSON while collecting every problem with its field path, so that the
/// validators report all issues of a record at once instead of stopping at the first.
struct IssueCollector {
    enum Identifier {
        case key, actor, agreement

        var label: String {
            switch self {
            case .key: "key"
            case .actor: "actor id"
            case .agreement: "agreement id"
            }
        }

        func isValid(_ text: String) -> Bool {
            switch self {
            case .key: IdentifierSyntax.isValidKey(text)
            case .actor: IdentifierSyntax.isValidActorID(text)
            case .agreement: IdentifierSyntax.isValidAgreementID(text)
            }
        }

        var rule: String {
            switch self {
            case .key: IdentifierSyntax.keyRule
            case .actor: IdentifierSyntax.actorIDRule
            case .agreement: IdentifierSyntax.agreementIDRule
            }
        }
    }

    let index: Int?
    /// The first `room` issues, and how many more there were: a record with a million unknown
    /// members costs a count, not a million messages.
    private(set) var errors = ValidationErrors(issues: [])
    /// How many issues are worth a message; the rest are counted. Less than the report's limit
    /// when other records of the request have taken their share of it.
    private let room: Int

    init(index: Int?, room: Int = ValidationErrors.maximumReported) {
        self.index = index
        self.room = min(room, ValidationErrors.maximumReported)
    }

    var isEmpty: Bool { errors.totalCount == 0 }

    mutating func add(_ field: @autoclosure () -> String, _ message: @autoclosure () -> String) {
        guard errors.issues.count < room else {
            errors.omittedCount += 1
            return
        }
        errors.issues.append(ValidationIssue(index: index, field: field(), message: message()))
    }

    static func member(_ base: String, _ name: String) -> String {
        base.isEmpty ? name : "\(base).\(name)"
    }

    static func element(_ base: String, _ position: Int) -> String {
        "\(base)[\(position)]"
    }

    /// Present and not `null`. Optional fields take `null` as absent, since clients that echo back
    /// what they read (or serialise optionals naively) send it.
    static func isGiven(_ value: JSONValue?) -> Bool {
        value != nil && value != .null
    }

    /// In sorted order, so the same input always yields the same report. Past the report's
    /// room only the count is kept: neither sorting nor suggestions are worth it for names
    /// nobody will see.
    mutating func rejectUnknownMembers(
        of object: [String: JSONValue], allowed: [String], at base: @autoclosure () -> String,
        hints: [String: String] = [:]
    ) {
        let unknown = object.keys.filter { !allowed.contains($0) }
        guard !unknown.isEmpty else { return }
        let room = self.room - errors.issues.count
        for name in Self.smallest(room, of: unknown) {
            var message = "unknown field \(Quoting.quoted(name))"
            if let hint = hints[name] {
                message += " (\(hint))"
            } else if let suggestion = Self.closest(to: name, among: allowed) {
                message += " (did you mean '\(suggestion)'?)"
            }
            add(Self.member(base(), name), message)
        }
        errors.omittedCount += max(0, unknown.count - max(0, room))
    }

    /// The `count` smallest names in sorted order, without sorting them all.
    static func smallest(_ count: Int, of names: [String]) -> [String] {
        guard count > 0 else { return [] }
        guard names.count > count else { return names.sorted() }
        var kept: [String] = []
        kept.reserveCapacity(count + 1)
        for name in names where kept.count < count || name < kept[kept.count - 1] {
            var low = 0, high = kept.count
            while low < high {
                let middle = (low + high) / 2
                if kept[middle] < name { low = middle + 1 } else { high = middle }
            }
            kept.insert(name, at: low)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }

    mutating func string(_ value: JSONValue?, at field: @autoclosure () -> String, required: Bool) -> String? {
        guard let value else {
            if required { add(field(), "is required") }
            return nil
        }
        if value == .null, !required { return nil }
        guard case .string(let text) = value else {
            add(field(), "must be a string, not \(value.typeDescription)")
            return nil
        }
        return text
    }

    /// A free-text value: not blank, no NUL (PostgreSQL text cannot hold it), at most `maximumLength`
    /// Unicode scalars — counted after trimming when `trimmed`, which also trims the result.
    /// Scalars, not characters: one character can hold thousands of combining marks, and what
    /// the database stores and indexes grows with the scalars.
    mutating func text(
        _ value: JSONValue?, at field: @autoclosure () -> String, required: Bool = false, maximumLength: Int,
        trimmed: Bool = false
    ) -> String? {
        guard let raw = string(value, at: field(), required: required) else { return nil }
        let text = trimmed ? Self.trimmingWhitespace(raw) : raw
        var isValid = true
        if Self.trimmingWhitespace(text).isEmpty {
            add(field(), trimmed || raw.isEmpty ? "must not be empty" : "must not be only whitespace")
            isValid = false
        }
        if Self.containsNUL(text) {
            add(field(), "must not contain NUL characters (U+0000)")
            isValid = false
        }
        // Scalars never outnumber UTF-8 bytes, so most values skip the linear count.
        if text.utf8.count > maximumLength {
            let length = text.unicodeScalars.count
            if length > maximumLength {
                let qualifier = trimmed ? " after trimming" : ""
                add(
                    field(),
                    "must be at most \(Quoting.grouped(maximumLength)) characters\(qualifier) (got \(Quoting.grouped(length)))"
                )
                isValid = false
            }
        }
        return isValid ? text : nil
    }

    mutating func array(
        _ value: JSONValue?, at field: @autoclosure () -> String, maximumCount: Int? = nil, noun: String = "items"
    )
        -> [JSONValue]?
    {
        guard let value, value != .null else { return nil }
        guard case .array(let elements) = value else {
            add(field(), "must be an array, not \(value.typeDescription)")
            return nil
        }
        if let maximumCount, elements.count > maximumCount {
            add(field(), "must have at most \(maximumCount) \(noun) (got \(Quoting.grouped(elements.count)))")
        }
        return elements
    }

    mutating func partialDate(_ value: JSONValue?, at field: @autoclosure () -> String, required: Bool = false)
        -> PartialDate?
    {
        guard let text = string(value, at: field(), required: required) else { return nil }
        do {
            return try PartialDate(parsing: text)
        } catch {
            add(field(), error.description)
            return nil
        }
    }

    mutating func identifier(
        _ value: JSONValue?, at field: @autoclosure () -> String, required: Bool, _ kind: Identifier
    ) -> String? {
        guard let text = string(value, at: field(), required: required) else { return nil }
        guard kind.isValid(text) else {
            add(field(), "\(Quoting.quoted(text)) is not a valid \(kind.label): \(kind.rule)")
            return nil
        }
        return text
    }

    /// A list of actor ids such as an agreement's `parties`; a repeated id is an error.
    mutating func actorIDList(_ value: JSONValue?, at field: @autoclosure () -> String) -> [String]? {
        guard let elements = array(value, at: field()) else { return nil }
        var ids: [String] = []
        var firstPosition: [String: Int] = [:]
        var isValid = true
        for (position, element) in elements.enumerated() {
            guard let id = identifier(element, at: Self.element(field(), position), required: true, .actor) else {
                isValid = false
                continue
            }
            if let first = firstPosition[id] {
                add(
                    Self.element(field(), position),
                    "actor \(Quoting.quoted(id)) is listed twice (first at \(Self.element(field(), first)))")
                isValid = false
                continue
            }
            firstPosition[id] = position
            ids.append(id)
        }
        return isValid ? ids : nil
    }

    static func containsNUL(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(0) } ?? text.utf8.contains(0)
    }

    static func trimmingWhitespace(_ text: String) -> String {
        // Nearly every value starts and ends with a visible ASCII character; skip grapheme walking then.
        if let first = text.utf8.first, let last = text.utf8.last,
            ASCII.isVisible(first), ASCII.isVisible(last)
        {
            return text
        }
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        if first == text.startIndex && text.index(after: last) == text.endIndex { return text }
        return String(text[first...last])
    }

    /// The allowed name within edit distance 2 of a typo such as `titel`, if any.
    static func closest(to name: String, among candidates: [String]) -> String? {
        guard name.count <= 40 else { return nil }
        let typed = Array(name.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, Array(candidate))
            if distance <= 2, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit (`titel` → `title`).
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
