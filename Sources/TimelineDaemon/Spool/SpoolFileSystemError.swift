import Foundation

/// A failed file-system call on the spool, or something in it the daemon refuses to use, with
/// the path and the reason.
struct SpoolFileSystemError: Error, CustomStringConvertible {
    enum Problem: Equatable {
        /// The system call failed with this `errno`.
        case system(Int32)
        /// The name is a symbolic link, which the spool never follows.
        case symbolicLink
        case notADirectory
        /// A directory, a FIFO, a socket or a device where a file was expected.
        case notARegularFile
        /// Another name for the same file exists, possibly one the writer may not read.
        case hardLinked(links: Int)
        /// `processed/` or `failed/` belongs to another user, who could plant links in it.
        case owned(by: uid_t, expected: uid_t)
        /// Larger than its limit (`http.max_body_bytes`, or `import.max_file_bytes` for GDELT files); not read.
        case tooLarge(bytes: Int, limit: SpoolSizeLimit)
    }

    /// What was being done, e.g. "read" or "rename a.json to".
    let action: String
    let path: String
    let problem: Problem

    init(_ action: String, _ path: String, code: Int32 = errno) {
        self.init(action, path, problem: .system(code))
    }

    init(_ action: String, _ path: String, problem: Problem) {
        self.action = action
        self.path = path
        self.problem = problem
    }

    var description: String { "cannot \(action) \(path): \(reason)" }

    private var reason: String {
        switch problem {
        case .system(let code): String(cString: strerror(code))
        case .symbolicLink: "it is a symbolic link, and the spool follows none"
        case .notADirectory: "it is not a directory"
        case .notARegularFile: "it is not a regular file"
        case .hardLinked(let links): "it has \(links) links (hard links are not read)"
        case .owned(let owner, let expected): "it belongs to uid \(owner), not to the daemon's uid \(expected)"
        case .tooLarge(let bytes, let limit): "it holds \(bytes) bytes, more than the limit of \(limit.bytes) bytes (\(limit.setting))"
        }
    }

    /// The file went away, moved or deleted by someone else.
    var isNotFound: Bool { problem == .system(ENOENT) }

    /// Out of descriptors or memory: nothing about the file itself, so trying again later may work.
    var isTransient: Bool {
        guard case .system(let code) = problem else { return false }
        return [EMFILE, ENFILE, ENOMEM, EAGAIN].contains(code)
    }

    /// The name is not a plain file the spool may read: a link, or not a regular file.
    var isNotAPlainFile: Bool {
        switch problem {
        case .symbolicLink, .notARegularFile, .hardLinked: true
        default: false
        }
    }

    /// `processed/` or `failed/` is not a real directory of the daemon's user: someone has to fix it.
    var isUnsafeDirectory: Bool {
        switch problem {
        case .symbolicLink, .notADirectory, .owned: true
        default: false
        }
    }
}
