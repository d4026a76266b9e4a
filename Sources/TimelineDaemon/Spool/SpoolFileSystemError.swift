import Foundation

/// A failed file-system call on the spool, with the path and the system's reason.
struct SpoolFileSystemError: Error, CustomStringConvertible {
    /// What was being done, e.g. "read" or "rename a.json to".
    let action: String
    let path: String
    let code: Int32

    init(_ action: String, _ path: String, code: Int32 = errno) {
        self.action = action
        self.path = path
        self.code = code
    }

    var description: String { "cannot \(action) \(path): \(String(cString: strerror(code)))" }

    /// The file went away, moved or deleted by someone else.
    var isNotFound: Bool { code == ENOENT }

    /// Out of descriptors or memory: nothing about the file itself, so trying again later may work.
    var isTransient: Bool { [EMFILE, ENFILE, ENOMEM, EAGAIN].contains(code) }
}
