import Postgres
import TimelineCore

extension PostgresRow {
    /// A column holding the text of a core value (a date, a partial date, a duration), read back
    /// with the parser that accepted it on the way in; nil for SQL NULL.
    func optionalCoreValue<Value: CodableAsText>(_ column: Int, as type: Value.Type = Value.self) throws(PostgresError) -> Value? {
        guard let text = optionalString(column) else { return nil }
        return try parsed(text, column: column)
    }

    /// The elements of an array column of core values, NULL elements as nil.
    func coreValues<Value: CodableAsText>(_ column: Int, as type: Value.Type = Value.self) throws(PostgresError) -> [Value?] {
        var values: [Value?] = []
        for element in try array(column) {
            guard let element else {
                values.append(nil)
                continue
            }
            values.append(try parsed(element, column: column))
        }
        return values
    }

    /// Stored values were validated before they were written, so a failure here means the database
    /// holds something the program never wrote: reported like any other unreadable column.
    private func parsed<Value: CodableAsText>(_ text: String, column: Int) throws(PostgresError) -> Value {
        do {
            return try Value(parsing: text)
        } catch {
            throw .decoding(column: columns[column], expected: "\(Value.self)", value: String(text.prefix(80)))
        }
    }
}
