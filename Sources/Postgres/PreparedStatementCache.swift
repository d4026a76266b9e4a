/// The statements one connection has prepared, by their text.
///
/// Every statement runs prepared: parsed and analysed once per connection, and — once the
/// server finds a generic plan as good as the custom ones, after five runs — planned once too.
/// For the reads that build whole response bodies, planning cost as much as executing.
///
/// The set is bounded: a statement's text depends only on which filters a request uses, so a
/// connection sees few distinct ones, but nothing may grow without limit on a long-lived
/// connection. Past `capacity`, the least recently used statement is deallocated.
struct PreparedStatementCache {
    private struct Entry {
        let name: String
        var lastUse: UInt64
    }

    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var uses: UInt64 = 0
    private var prepared = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a cache holds at least one statement")
        self.capacity = capacity
    }

    var count: Int { entries.count }

    /// The name `sql` was prepared under, marking it used; nil when it is not prepared yet.
    mutating func name(of sql: String) -> String? {
        uses += 1
        entries[sql]?.lastUse = uses
        return entries[sql]?.name
    }

    /// A name never used on this connection, for preparing `sql`.
    mutating func nextName() -> String {
        prepared += 1
        return "timelined_\(prepared)"
    }

    /// Records that `sql` was prepared as `name`.
    mutating func insert(_ sql: String, name: String) {
        uses += 1
        entries[sql] = Entry(name: name, lastUse: uses)
    }

    /// Forgets `sql`, returning the name it was prepared under.
    mutating func remove(_ sql: String) -> String? {
        entries.removeValue(forKey: sql)?.name
    }

    /// When the cache is full: forgets the least recently used statement and returns its name,
    /// for the caller to deallocate.
    mutating func evictIfFull() -> String? {
        guard entries.count >= capacity,
              let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })
        else { return nil }
        entries[oldest.key] = nil
        return oldest.value.name
    }
}
