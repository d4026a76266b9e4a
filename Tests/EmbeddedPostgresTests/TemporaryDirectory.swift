import Foundation

/// Runs `body` with a fresh directory under the temporary directory, removed afterwards.
///
/// Mode 0755, so that a root test process's cluster, which runs as `postgres`, can get through it.
func withTemporaryDirectory<Value>(
    named prefix: String = "timelined-embedded", _ body: (String) async throws -> Value
) async throws -> Value {
    var template = Array((FileManager.default.temporaryDirectory.path + "/\(prefix)-XXXXXX").utf8CString)
    guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
    let directory = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    defer { try? FileManager.default.removeItem(atPath: directory) }
    chmod(directory, 0o755)
    return try await body(directory)
}
