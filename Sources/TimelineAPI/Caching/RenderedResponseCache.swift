import Hummingbird
import NIOCore
import Synchronization
import TimelineStore

/// Recently rendered timeline JSON, TimelineJS and pages, by ETag, bounded in bytes and evicting
/// the least recently used. An ETag names the change sequence it was made at, so an entry can
/// never answer for newer data; the change feed only frees the entries that can no longer be
/// asked for, on every daemon that hears it.
public final class RenderedResponseCache: Sendable {
    struct Entry: Sendable {
        let body: ByteBuffer
        let contentType: String
        let sequence: Int64
        var lastUse: UInt64

        var cost: Int { body.readableBytes + contentType.utf8.count }
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Every use of a key, oldest first, with the clock it was made at: only the one that
        /// matches its entry's `lastUse` still counts, so evicting the least recently used takes
        /// the first records rather than a search of every entry.
        var uses = CircularBuffer<(key: String, use: UInt64)>()
        var bytes = 0
        var clock: UInt64 = 0
        /// The highest sequence the feed announced: entries made before it are stale.
        var latestSequence: Int64 = .min

        /// The clock of a new use of `key`, recorded; the caller sets it as the entry's `lastUse`.
        mutating func recordUse(of key: String) -> UInt64 {
            clock += 1
            uses.append((key, clock))
            return clock
        }

        /// Records of earlier uses pile up under a popular key: rebuilt once they outnumber the entries.
        mutating func compactUses() {
            guard uses.count > 2 * entries.count + 64 else { return }
            let live: [(key: String, use: UInt64)] = entries.map { (key: $0.key, use: $0.value.lastUse) }
            uses = CircularBuffer(live.sorted { $0.use < $1.use })
        }

        mutating func evictLeastRecentlyUsed(downTo maximumBytes: Int) {
            while bytes > maximumBytes, let record = uses.popFirst() {
                guard let index = entries.index(forKey: record.key), entries.values[index].lastUse == record.use else {
                    continue
                }
                bytes -= entries.values[index].cost
                entries.remove(at: index)
            }
        }
    }

    /// The most body bytes held; 0 turns the cache off.
    public let maximumBytes: Int
    private let state = Mutex(State())

    public init(maximumBytes: Int = 32 << 20) {
        self.maximumBytes = maximumBytes
    }

    /// The entry stored under `key`, marked as just used.
    func entry(_ key: String) -> Entry? {
        state.withLock { state in
            guard let index = state.entries.index(forKey: key) else { return nil }
            state.entries.values[index].lastUse = state.recordUse(of: key)
            let entry = state.entries.values[index]
            state.compactUses()
            return entry
        }
    }

    /// Keeps `body` under `key` unless it is stale already or would take more than a quarter of
    /// the budget; evicts the least recently used entries until the rest fits.
    func store(_ key: String, body: ByteBuffer, contentType: String, sequence: Int64) {
        state.withLock { state in
            var entry = Entry(body: body, contentType: contentType, sequence: sequence, lastUse: 0)
            guard sequence >= state.latestSequence, entry.cost * 4 <= maximumBytes else { return }
            if let replaced = state.entries.removeValue(forKey: key) { state.bytes -= replaced.cost }
            entry.lastUse = state.recordUse(of: key)
            state.entries[key] = entry
            state.bytes += entry.cost
            state.evictLeastRecentlyUsed(downTo: maximumBytes)
            state.compactUses()
        }
    }

    /// What the change feed said: a commit frees what was made before it; after a reconnection
    /// commits may have been missed, so everything goes.
    public func heard(_ change: AgreementChangeFeed.Change) {
        state.withLock { state in
            switch change {
            case .resumed:
                state.entries.removeAll()
                state.uses.removeAll()
                state.bytes = 0
            case .committed(let sequence):
                state.latestSequence = max(state.latestSequence, sequence)
                let latest = state.latestSequence
                state.entries = state.entries.filter { $0.value.sequence >= latest }
                state.bytes = state.entries.values.reduce(0) { $0 + $1.cost }
            case .agreement:
                break
            }
        }
    }

    /// Entries and bytes held, for the tests and the metrics.
    public var occupancy: (entries: Int, bytes: Int) {
        state.withLock { ($0.entries.count, $0.bytes) }
    }
}
