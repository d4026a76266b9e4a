import Foundation
import ZIPFoundation

/// Hands a file's bytes over chunk by chunk, never holding the whole file: a plain export file as
/// it is, or the one member of a `.zip` as it is inflated (GDELT publishes `*.export.CSV.zip`).
///
/// Zip archives are read with ZIPFoundation rather than with zlib's inflate directly: it finds
/// the member through the central directory, handles ZIP64 and data descriptors, and checks the
/// CRC, all of which a hand-written reader of the container would have to redo.
enum GdeltFileReader {
    static let chunkSize = 1 << 20

    /// Opens `path`; errors name the file `name`, whose ending tells a `.zip` (the spool opens
    /// its files through `/proc/self/fd`, whose names say nothing).
    static func read(_ path: String, reportedAs name: String, _ consume: (UnsafeRawBufferPointer) -> Void) throws(GdeltImportError) {
        if name.lowercased().hasSuffix(".zip") {
            try readZipMember(path, reportedAs: name, consume)
        } else {
            try readPlain(path, reportedAs: name, consume)
        }
    }

    private static func readPlain(
        _ path: String, reportedAs name: String, _ consume: (UnsafeRawBufferPointer) -> Void
    ) throws(GdeltImportError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(file: name, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, chunkSize)
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(file: name, reason: String(cString: strerror(errno)))
            }
            consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    private static func readZipMember(
        _ path: String, reportedAs name: String, _ consume: (UnsafeRawBufferPointer) -> Void
    ) throws(GdeltImportError) {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .cannotOpen(file: name, reason: "not a readable zip archive (\(error))")
        }
        let members = archive.filter { $0.type == .file }
        guard members.count == 1, let member = members.first else {
            throw .unreadable(file: name, reason: "a GDELT zip holds one file, this one holds \(members.count)")
        }
        do {
            let checksum = try archive.extract(member, bufferSize: chunkSize) { data in data.withUnsafeBytes(consume) }
            guard checksum == member.checksum else {
                throw GdeltImportError.unreadable(file: name, reason: "\(member.path) is damaged (its CRC-32 does not match)")
            }
        } catch let error as GdeltImportError {
            throw error
        } catch {
            throw .unreadable(file: name, reason: "\(member.path) cannot be inflated (\(error))")
        }
    }
}
