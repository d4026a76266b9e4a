import Foundation

/// A spool file open for reading through the one descriptor found to be a plain file within its
/// limit (`SpoolDirectory`); valid only while the call that handed it over runs.
struct SpoolOpenFile {
    let descriptor: Int32
    /// Names the file in errors.
    let path: String
    let limit: SpoolSizeLimit

    /// Opens this same file again — the inode the descriptor holds, however the spool's names
    /// have changed since — for a library that only takes a path. Linux resolves
    /// `/proc/self/fd/N` to the open file, not by looking up its name again.
    var descriptorPath: String { "/proc/self/fd/\(descriptor)" }

    /// Hands the file's bytes from the descriptor's position to its end over in chunks; throws
    /// when it grew past the limit since it was checked.
    func readChunks(_ consume: (UnsafeRawBufferPointer) -> Void) throws(SpoolFileSystemError) {
        let chunkSize = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, chunkSize)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw SpoolFileSystemError("read", path) }
            if count == 0 { return }
            total += count
            // Grown since it was checked.
            guard total <= limit.bytes else { throw SpoolFileSystemError("read", path, problem: .tooLarge(bytes: total, limit: limit)) }
            consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}
