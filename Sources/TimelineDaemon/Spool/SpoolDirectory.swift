import Foundation
import TimelineCore

/// The file-system side of the spool: which files wait, their bytes, and filing them into
/// `processed/` or `failed/` beside their receipt or error report. Every call blocks; run them
/// through `blocking(_:)`.
///
/// Filing never loses a file and never overwrites one: the side file is written under a
/// temporary name, flushed and renamed into place, then the file is renamed beside it, and both
/// directories are flushed. A name already taken in the destination gets a counter
/// (`batch.json`, `batch.2.json`, …). A side file without its file is what a crash between the
/// two renames leaves; when it describes the same file (name and SHA-256), filing it again
/// takes that name instead of the next one.
struct SpoolDirectory: Sendable {
    enum Destination: String, CaseIterable {
        case processed, failed

        var sideFileSuffix: String {
            switch self {
            case .processed: ".receipt.json"
            case .failed: ".error.json"
            }
        }
    }

    struct Pending {
        let name: String
        let format: RecordDocument.Format
    }

    let path: String

    /// What a file's name says about its content; nil for files the spool does not take.
    static func format(of name: String) -> RecordDocument.Format? {
        // Writers put a file in place by renaming it from a dot-name once it is complete.
        guard !name.hasPrefix("."), let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return switch name[name.index(after: dot)...].lowercased() {
        case "json": .json
        case "ndjson": .ndjson
        case "csv": .csv
        default: nil
        }
    }

    /// Runs `work` on a Dispatch thread: reads of large files and fsync block, and Swift's
    /// cooperative pool has only a thread a core, which the HTTP side needs too.
    func blocking<T: Sendable>(
        _ work: @escaping @Sendable (SpoolDirectory) throws(SpoolFileSystemError) -> T
    ) async throws(SpoolFileSystemError) -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, SpoolFileSystemError>, Never>) in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(SpoolFileSystemError) -> T in try work(self) })
            }
        }
        return try result.get()
    }

    /// Creates `processed/` and `failed/` when missing, and lists the regular files waiting
    /// to be imported, in name order.
    func pendingFiles() throws(SpoolFileSystemError) -> [Pending] {
        for destination in Destination.allCases {
            let directory = subdirectory(destination)
            if mkdir(directory, 0o755) != 0, errno != EEXIST { throw SpoolFileSystemError("create", directory) }
        }
        guard let stream = opendir(path) else { throw SpoolFileSystemError("list", path) }
        defer { closedir(stream) }
        var pending: [Pending] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard let format = Self.format(of: name), isRegularFile(path + "/" + name) else { continue }
            pending.append(Pending(name: name, format: format))
        }
        return pending.sorted { Array($0.name.utf8).lexicographicallyPrecedes($1.name.utf8) }
    }

    /// The file's bytes; nil when it is gone.
    func contents(of name: String) throws(SpoolFileSystemError) -> Data? {
        let file = path + "/" + name
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw SpoolFileSystemError("open", file)
        }
        defer { close(descriptor) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw SpoolFileSystemError("read", file) }
            if count == 0 { return data }
            data.append(contentsOf: chunk[..<count])
        }
    }

    /// Files `name` into `destination`, `sideFile` (a receipt or an error report, JSON with the
    /// file's `file` and `sha256`) beside it, and returns the name it got there.
    func file(
        _ name: String, into destination: Destination, sideFile: Data, sha256: String?
    ) throws(SpoolFileSystemError) -> String {
        let directory = subdirectory(destination)
        let target = try freeName(for: name, in: directory, suffix: destination.sideFileSuffix, sha256: sha256)
        try writeDurably(sideFile, to: directory, name: target + destination.sideFileSuffix)
        try move(path + "/" + name, to: directory + "/" + target)
        try flush(directory)
        try flush(path)
        return target
    }

    func subdirectory(_ destination: Destination) -> String {
        path + "/" + destination.rawValue
    }

    // MARK: - Filing

    /// What a side file says about the file it belongs to.
    private struct SideFileIdentity: Decodable, Equatable {
        let file: String
        let sha256: String?
    }

    private func freeName(for name: String, in directory: String, suffix: String, sha256: String?) throws(SpoolFileSystemError) -> String {
        let identity = SideFileIdentity(file: name, sha256: sha256)
        var candidate = name
        var counter = 1
        while true {
            if try !exists(directory + "/" + candidate) {
                let sideFile = directory + "/" + candidate + suffix
                guard try exists(sideFile) else { return candidate }
                let existing = try? JSONDecoder().decode(SideFileIdentity.self, from: Data(contentsOf: URL(fileURLWithPath: sideFile)))
                if existing == identity { return candidate }
            }
            counter += 1
            candidate = Self.numbered(name, counter)
        }
    }

    /// `batch.json` → `batch.2.json`: the extension stays last, so the file still says what it holds.
    private static func numbered(_ name: String, _ counter: Int) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "\(name).\(counter)" }
        return "\(name[..<dot]).\(counter)\(name[dot...])"
    }

    private func writeDurably(_ data: Data, to directory: String, name: String) throws(SpoolFileSystemError) {
        let temporary = directory + "/." + name + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SpoolFileSystemError("create", temporary) }
        var failure: SpoolFileSystemError?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    failure = SpoolFileSystemError("write", temporary)
                    return
                }
                offset += count
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = SpoolFileSystemError("flush", temporary) }
        close(descriptor)
        if let failure { throw failure }
        try move(temporary, to: directory + "/" + name)
        // The side file is on disk before its file moves next to it.
        try flush(directory)
    }

    private func move(_ source: String, to target: String) throws(SpoolFileSystemError) {
        guard rename(source, target) == 0 else { throw SpoolFileSystemError("rename \(source) to", target) }
    }

    private func flush(_ directory: String) throws(SpoolFileSystemError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SpoolFileSystemError("open", directory) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw SpoolFileSystemError("flush", directory) }
    }

    private func exists(_ file: String) throws(SpoolFileSystemError) -> Bool {
        var status = stat()
        if lstat(file, &status) == 0 { return true }
        guard errno == ENOENT else { throw SpoolFileSystemError("look up", file) }
        return false
    }

    private func isRegularFile(_ file: String) -> Bool {
        var status = stat()
        return lstat(file, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }
}
