import Foundation

extension Array where Element == String {
    /// Calls `body` with NUL-terminated copies of the strings, valid only during the call.
    func withCStringArray<R>(_ body: ([UnsafePointer<CChar>?]) throws -> R) rethrows -> R {
        try map(Optional.some).withOptionalCStringArray(body)
    }
}

extension Array where Element == String? {
    /// As `withCStringArray`, with nil passed as a null pointer (SQL NULL for libpq).
    func withOptionalCStringArray<R>(_ body: ([UnsafePointer<CChar>?]) throws -> R) rethrows -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = map { $0.map { strdup($0)! } }
        defer { copies.forEach { free($0) } }
        return try body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
    }
}
