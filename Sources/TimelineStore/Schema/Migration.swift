import Crypto
import Foundation

/// One numbered schema change from `SQL/`, compiled into the binary at build time.
public struct Migration: Sendable, Hashable {
    /// The number the file name starts with (`0001_schema.sql` is 1).
    public let version: Int
    public let name: String
    public let sql: String
    /// Hex SHA-256 of the file's text: an applied migration must never change.
    public let checksum: String

    public init(name: String, sql: String) throws(MigrationError) {
        guard let digits = name.split(separator: "_").first, let version = Int(digits), version > 0 else {
            throw .badFileName(name)
        }
        self.version = version
        self.name = name
        self.sql = sql
        checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The migrations this binary carries, in order.
    public static func bundled() throws(MigrationError) -> [Migration] {
        var migrations: [Migration] = []
        for file in embeddedMigrationFiles {
            migrations.append(try Migration(name: file.name, sql: file.sql))
        }
        return try ordered(migrations)
    }

    static func ordered(_ migrations: [Migration]) throws(MigrationError) -> [Migration] {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.version == next.version {
            throw .duplicateVersion(previous.name, next.name)
        }
        return sorted
    }
}

public enum MigrationError: Error, Sendable, CustomStringConvertible {
    case badFileName(String)
    case duplicateVersion(String, String)
    /// A file that was applied has different text now.
    case changedAfterApplied(name: String, appliedChecksum: String, currentChecksum: String)
    /// The database has a migration this binary does not know: a newer timelined migrated it.
    case unknownApplied(version: Int, name: String)

    public var description: String {
        switch self {
        case .badFileName(let name):
            "migration file '\(name)' must be named NNNN_description.sql with a positive number"
        case .duplicateVersion(let first, let second):
            "migrations '\(first)' and '\(second)' have the same number"
        case .changedAfterApplied(let name, let applied, let current):
            "migration \(name) was changed after it was applied (applied checksum \(applied.prefix(12))…, now \(current.prefix(12))…); "
                + "restore the applied text and put the change in a new numbered file"
        case .unknownApplied(let version, let name):
            "the database has migration \(version) (\(name)) which this timelined does not know; run a newer timelined"
        }
    }
}
