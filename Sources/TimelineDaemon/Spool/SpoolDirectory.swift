import Foundation
import TimelineCore

/// The file-system side of the spool: which files wait, their bytes, and filing them into
/// `processed/` or `failed/` beside their receipt or error report. Opening one and every call
/// blocks; run them through `blocking(_:)`.
///
/// Filing never loses a file and never overwrites one: the side file is written under a
/// temporary name, flushed and renamed into place, then the file is renamed beside it, and both
/// directories are flushed. A name already taken in the destination gets a counter
/// (`batch.json`, `batch.2.json`, …). A side file without its file is what a crash between the
/// two renames leaves; when it describes the same file (name and SHA-256), filing it again
/// takes that name instead of the next one.
///
/// Whoever may write to the spool must not get the daemon to read or write anything else
/// through it, so nothing inside the directory is followed: every name is opened relative to
/// the directory's descriptor with `O_NOFOLLOW`. Only regular files with a single link (another
/// link could be a name for a file the writer may not read) and no larger than their limit
/// are read, through the descriptor that was checked. `processed/` and `failed/` must be
/// directories of the daemon's user, and side files are created exclusively, so nothing is
/// written through a name someone planted.
final class SpoolDirectory: Sendable {
    enum Destination: String, CaseIterable {
        case processed, failed

        var sideFileSuffix: String {
            switch self {
            case .processed: ".receipt.json"
            case .failed: ".error.json"
            }
        }
    }

    /// What a file holds, as its name says.
    enum Content: Equatable {
        /// Records in a v1 format (docs/spool.md).
        case records(RecordDocument.Format)
        /// A GDELT 2.0 events export (contract §10), plain or zipped.
        case gdelt(zipped: Bool)
    }

    struct Pending {
        let name: String
        let content: Content
    }

    /// An open directory; the path only names it in errors and logs.
    private struct Directory {
        let descriptor: Int32
        let path: String

        func path(of name: String) -> String { path + "/" + name }
    }

    var path: String { spool.path }
    private let recordFileLimit: SpoolSizeLimit
    private let gdeltFileLimit: SpoolSizeLimit
    private let spool: Directory

    /// Opens the spool at `path`. A link at `path` itself is followed, as the administrator
    /// configured it; nothing inside the directory is. Record files may hold `maxFileBytes`
    /// (`http.max_body_bytes`), GDELT files `maxGdeltFileBytes` (`import.max_file_bytes`).
    init(path: String, maxFileBytes: Int, maxGdeltFileBytes: Int) throws(SpoolFileSystemError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SpoolFileSystemError("open", path) }
        spool = Directory(descriptor: descriptor, path: path)
        recordFileLimit = .requestBody(maxFileBytes)
        gdeltFileLimit = .importFile(maxGdeltFileBytes)
    }

    deinit {
        close(spool.descriptor)
    }

    /// What a file's name says about its content; nil for files the spool does not take.
    /// GDELT's names end in `.export.CSV` too, so they are told apart before the v1 `.csv`.
    static func content(of name: String) -> Content? {
        // Writers put a file in place by renaming it from a dot-name once it is complete.
        guard !name.hasPrefix("."), let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let lowercased = name.lowercased()
        if lowercased.hasSuffix(".export.csv") { return .gdelt(zipped: false) }
        if lowercased.hasSuffix(".export.csv.zip") { return .gdelt(zipped: true) }
        return switch name[name.index(after: dot)...].lowercased() {
        case "json": .records(.json)
        case "ndjson": .records(.ndjson)
        case "csv": .records(.csv)
        default: nil
        }
    }

    /// Runs `work` on a thread of its own: reads of large files and fsync block, and Swift's
    /// cooperative pool has only a thread a core, which the HTTP side needs too.
    static func blocking<T: Sendable>(
        _ work: @escaping @Sendable () throws(SpoolFileSystemError) -> T
    ) async throws(SpoolFileSystemError) -> T {
        try await onOwnThread { Result { () throws(SpoolFileSystemError) -> T in try work() } }.get()
    }

    /// Creates `processed/` and `failed/` when missing, checks that they are safe to file into,
    /// and lists the regular files waiting to be imported, in name order.
    func pendingFiles() throws(SpoolFileSystemError) -> [Pending] {
        for destination in Destination.allCases {
            close(try openDestination(destination).descriptor)
        }
        // A descriptor of its own: the stream reads and closes it.
        let listing = openat(spool.descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard listing >= 0 else { throw SpoolFileSystemError("list", path) }
        guard let stream = fdopendir(listing) else {
            let error = SpoolFileSystemError("list", path)
            close(listing)
            throw error
        }
        defer { closedir(stream) }
        var pending: [Pending] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard let content = Self.content(of: name), isPlainFile(name) else { continue }
            pending.append(Pending(name: name, content: content))
        }
        return pending.sorted { Array($0.name.utf8).lexicographicallyPrecedes($1.name.utf8) }
    }

    /// A record file's bytes; nil when it is gone. Throws without reading a byte when the name
    /// is no longer a plain file (`isNotAPlainFile`) or the file is larger than its limit.
    func contents(of name: String) throws(SpoolFileSystemError) -> Data? {
        try unlessGone { () throws(SpoolFileSystemError) in try Self.readPlainFile(name, in: spool, limit: recordFileLimit) }
    }

    /// Opens `file` as `contents(of:)` does and hands `body` the checked descriptor, for files
    /// streamed rather than held (GDELT's); nil when it is gone.
    func reading<T>(
        _ file: Pending, _ body: (SpoolOpenFile) throws(SpoolFileSystemError) -> T
    ) throws(SpoolFileSystemError) -> T? {
        let limit = if case .gdelt = file.content { gdeltFileLimit } else { recordFileLimit }
        return try unlessGone { () throws(SpoolFileSystemError) in try Self.withPlainFile(file.name, in: spool, limit: limit, body) }
    }

    private func unlessGone<T>(_ work: () throws(SpoolFileSystemError) -> T) throws(SpoolFileSystemError) -> T? {
        do throws(SpoolFileSystemError) {
            return try work()
        } catch where error.isNotFound {
            return nil
        }
    }

    /// Files `name` into `destination`, `sideFile` (a receipt or an error report, JSON with the
    /// file's `file` and `sha256`) beside it, and returns the name it got there.
    func file(
        _ name: String, into destination: Destination, sideFile: Data, sha256: String?
    ) throws(SpoolFileSystemError) -> String {
        let directory = try openDestination(destination)
        defer { close(directory.descriptor) }
        let target = try freeName(for: name, in: directory, suffix: destination.sideFileSuffix, sha256: sha256)
        try writeDurably(sideFile, in: directory, name: target + destination.sideFileSuffix)
        try Self.move(name, from: spool, to: target, in: directory)
        try Self.flush(directory)
        try Self.flush(spool)
        return target
    }

    func subdirectory(_ destination: Destination) -> String {
        spool.path(of: destination.rawValue)
    }

    // MARK: - Checks

    /// `processed/` or `failed/`, created when missing, and open once it is known to be a real
    /// directory of the daemon's user: another user's could hold links planted in it.
    private func openDestination(_ destination: Destination) throws(SpoolFileSystemError) -> Directory {
        let name = destination.rawValue
        let path = subdirectory(destination)
        if mkdirat(spool.descriptor, name, 0o755) != 0, errno != EEXIST { throw SpoolFileSystemError("create", path) }
        let descriptor = openat(spool.descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            // With O_DIRECTORY, Linux answers a link with ENOTDIR rather than ELOOP.
            guard errno == ENOTDIR else { throw SpoolFileSystemError("open", path) }
            var status = stat()
            let isLink = fstatat(spool.descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
            throw SpoolFileSystemError("use", path, problem: isLink ? .symbolicLink : .notADirectory)
        }
        var status = stat()
        let failure: SpoolFileSystemError? =
            if fstat(descriptor, &status) != 0 {
                SpoolFileSystemError("look up", path)
            } else if status.st_uid != geteuid() {
                SpoolFileSystemError("use", path, problem: .owned(by: status.st_uid, expected: geteuid()))
            } else {
                nil
            }
        if let failure {
            close(descriptor)
            throw failure
        }
        return Directory(descriptor: descriptor, path: path)
    }

    private func isPlainFile(_ name: String) -> Bool {
        var status = stat()
        return fstatat(spool.descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 && Self.problem(with: status) == nil
    }

    /// Why a file with `status` is not one the spool reads; nil when it is.
    private static func problem(with status: stat) -> SpoolFileSystemError.Problem? {
        switch status.st_mode & S_IFMT {
        case S_IFLNK: .symbolicLink
        case S_IFREG: status.st_nlink == 1 ? nil : .hardLinked(links: Int(status.st_nlink))
        default: .notARegularFile
        }
    }

    /// The bytes of `name`, read through the one descriptor found to be a plain file within `limit`.
    private static func readPlainFile(_ name: String, in directory: Directory, limit: SpoolSizeLimit) throws(SpoolFileSystemError) -> Data {
        try withPlainFile(name, in: directory, limit: limit) { file throws(SpoolFileSystemError) in
            var data = Data()
            try file.readChunks { data.append(contentsOf: $0) }
            return data
        }
    }

    /// Runs `body` with `name` open, once its descriptor is found to be a plain file of at most
    /// `limit` bytes. `O_NONBLOCK`: opening a FIFO put in a file's place must not wait for a writer.
    private static func withPlainFile<T>(
        _ name: String, in directory: Directory, limit: SpoolSizeLimit, _ body: (SpoolOpenFile) throws(SpoolFileSystemError) -> T
    ) throws(SpoolFileSystemError) -> T {
        let file = directory.path(of: name)
        let descriptor = openat(directory.descriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            guard errno == ELOOP else { throw SpoolFileSystemError("open", file) }
            throw SpoolFileSystemError("open", file, problem: .symbolicLink)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw SpoolFileSystemError("look up", file) }
        if let problem = problem(with: status) { throw SpoolFileSystemError("read", file, problem: problem) }
        guard status.st_size <= limit.bytes else {
            throw SpoolFileSystemError("read", file, problem: .tooLarge(bytes: Int(status.st_size), limit: limit))
        }
        return try body(SpoolOpenFile(descriptor: descriptor, path: file, limit: limit))
    }

    // MARK: - Filing

    /// What a side file says about the file it belongs to.
    private struct SideFileIdentity: Decodable, Equatable {
        let file: String
        let sha256: String?
    }

    private func freeName(
        for name: String, in directory: Directory, suffix: String, sha256: String?
    ) throws(SpoolFileSystemError) -> String {
        let identity = SideFileIdentity(file: name, sha256: sha256)
        var candidate = name
        var counter = 1
        while true {
            if try !Self.exists(candidate, in: directory) {
                let sideFile = candidate + suffix
                guard try Self.exists(sideFile, in: directory) else { return candidate }
                // The daemon wrote it, so it is not held to the spool's size limit.
                let existing = (try? Self.readPlainFile(sideFile, in: directory, limit: .unlimited))
                    .flatMap { try? JSONDecoder().decode(SideFileIdentity.self, from: $0) }
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

    private func writeDurably(_ data: Data, in directory: Directory, name: String) throws(SpoolFileSystemError) {
        let temporary = "." + name + ".tmp"
        let descriptor = try Self.createExclusively(temporary, in: directory)
        var failure: SpoolFileSystemError?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    failure = SpoolFileSystemError("write", directory.path(of: temporary))
                    return
                }
                offset += count
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = SpoolFileSystemError("flush", directory.path(of: temporary)) }
        close(descriptor)
        if let failure { throw failure }
        try Self.move(temporary, from: directory, to: name, in: directory)
        // The side file is on disk before its file moves next to it.
        try Self.flush(directory)
    }

    /// A new file `name`, open for writing. Whatever already has the name — a crash's leftover,
    /// or a file or link someone planted — is removed first, never opened: removing a link
    /// leaves what it points to alone. Someone creating it again in between fails the call.
    private static func createExclusively(_ name: String, in directory: Directory) throws(SpoolFileSystemError) -> Int32 {
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        var descriptor = openat(directory.descriptor, name, flags, 0o644)
        if descriptor < 0, errno == EEXIST {
            guard unlinkat(directory.descriptor, name, 0) == 0 || errno == ENOENT else {
                throw SpoolFileSystemError("remove the leftover", directory.path(of: name))
            }
            descriptor = openat(directory.descriptor, name, flags, 0o644)
        }
        guard descriptor >= 0 else { throw SpoolFileSystemError("create", directory.path(of: name)) }
        return descriptor
    }

    private static func move(
        _ name: String, from source: Directory, to target: String, in directory: Directory
    ) throws(SpoolFileSystemError) {
        guard renameat(source.descriptor, name, directory.descriptor, target) == 0 else {
            throw SpoolFileSystemError("rename \(source.path(of: name)) to", directory.path(of: target))
        }
    }

    private static func flush(_ directory: Directory) throws(SpoolFileSystemError) {
        guard fsync(directory.descriptor) == 0 else { throw SpoolFileSystemError("flush", directory.path) }
    }

    private static func exists(_ name: String, in directory: Directory) throws(SpoolFileSystemError) -> Bool {
        var status = stat()
        if fstatat(directory.descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 { return true }
        guard errno == ENOENT else { throw SpoolFileSystemError("look up", directory.path(of: name)) }
        return false
    }
}
