import TimelineStore

/// The database's change sequence (`ChangeSequenceStore`), hashed into every ETag.
public protocol ChangeSequenceReading: Sendable {
    func current() async throws -> Int64
}

extension ChangeSequenceStore: ChangeSequenceReading {}
