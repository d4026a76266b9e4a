/// A column a CSV header may name, and how its cells become a record's members. Every cell is
/// text: the record it builds goes through `EventRecordValidator` like any JSON record, so a bad
/// cell is reported with the record's index and the field it went into.
enum CSVColumn: String, CaseIterable {
    case key, kind, title, date
    case endDate = "end_date"
    /// `;`-separated actor ids, each optionally `id:role`.
    case actors
    case location
    /// An agreement id.
    case agreement
    /// With it, the record defines the agreement: `{"id": agreement, "title": agreement_title}`.
    case agreementTitle = "agreement_title"
    case expiresOn = "expires_on"
    case extendsBy = "extends_by"
    case summary
    /// `;`-separated.
    case tags
    /// `confirmed` (the default) or `candidate` (contract §9).
    case status
    /// The three make the record's one source.
    case sourceURL = "source_url"
    case sourceTitle = "source_title"
    case sourcePublished = "source_published"

    static let listSeparator: Character = ";"

    /// The columns a header row names, in order.
    static func header(_ row: CSVTable.Row) throws(RecordDocumentError) -> [CSVColumn] {
        var columns: [CSVColumn] = []
        for (position, cell) in row.fields.enumerated() {
            let name = trimmed(cell)
            guard !name.isEmpty else {
                throw RecordDocumentError(line: row.line, message: "column \(position + 1) of the header row has no name")
            }
            guard let column = CSVColumn(rawValue: name) else {
                throw RecordDocumentError(
                    line: row.line,
                    message: "unknown column \(Quoting.quoted(name)); the columns are \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !columns.contains(column) else {
                throw RecordDocumentError(line: row.line, message: "the header names the column '\(name)' twice")
            }
            columns.append(column)
        }
        return columns
    }

    /// The record value of one row; an empty cell is an absent member.
    static func record(_ cells: some Sequence<(CSVColumn, String)>) -> JSONValue {
        var members: [String: JSONValue] = [:]
        var source: [String: JSONValue] = [:]
        var agreementTitle: String?
        for (column, cell) in cells where !cell.isEmpty {
            switch column {
            case .actors: members[column.rawValue] = .array(list(cell).map(actor))
            case .tags: members[column.rawValue] = .array(list(cell).map(JSONValue.string))
            case .agreementTitle: agreementTitle = cell
            case .sourceURL: source["url"] = .string(cell)
            case .sourceTitle: source["title"] = .string(cell)
            case .sourcePublished: source["published"] = .string(cell)
            default: members[column.rawValue] = .string(cell)
            }
        }
        if let agreementTitle {
            var definition: [String: JSONValue] = ["title": .string(agreementTitle)]
            definition["id"] = members[CSVColumn.agreement.rawValue]
            members[CSVColumn.agreement.rawValue] = .object(definition)
        }
        if !source.isEmpty { members["sources"] = .array([.object(source)]) }
        return .object(members)
    }

    /// Items keep their place even when empty, so the validator names `actors[2]` for `a;b;;c`.
    private static func list(_ cell: String) -> [String] {
        cell.split(separator: listSeparator, omittingEmptySubsequences: false).map { trimmed(String($0)) }
    }

    private static func actor(_ item: String) -> JSONValue {
        guard let colon = item.firstIndex(of: ":") else { return .string(item) }
        let id = trimmed(String(item[..<colon]))
        let role = trimmed(String(item[item.index(after: colon)...]))
        return ["id": .string(id), "role": .string(role)]
    }

    private static func trimmed(_ text: String) -> String {
        IssueCollector.trimmingWhitespace(text)
    }
}
