import Testing
import TimelineCore

/// Helpers shared by the validation tests: a small valid record to vary one field at a time.
enum Fixtures {
    static let minimal: [String: JSONValue] = [
        "kind": "visit",
        "title": "Raimondo visits Beijing",
        "date": "2023-08-27",
    ]

    /// `minimal` with `changes` applied; a member mapped to nil is removed.
    static func record(_ changes: [String: JSONValue?] = [:]) -> JSONValue {
        var members = minimal
        for (name, value) in changes {
            members[name] = value
        }
        return .object(members)
    }

    static func issues(of value: JSONValue, index: Int? = nil) -> [ValidationIssue] {
        switch EventRecordValidator.validate(value, index: index) {
        case .success: []
        case .failure(let errors): errors.issues
        }
    }

    static func valid(_ value: JSONValue) throws -> EventRecord {
        try EventRecordValidator.validate(value, index: nil).get()
    }

    /// The single issue of `value`, checked to be at `field`.
    static func singleIssue(
        of value: JSONValue, at field: String, sourceLocation: SourceLocation = #_sourceLocation
    ) -> ValidationIssue? {
        let found = issues(of: value)
        #expect(found.map(\.field) == [field], "issues: \(found)", sourceLocation: sourceLocation)
        return found.first
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: text)
    }
}
