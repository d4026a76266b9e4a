import Foundation

/// The account PostgreSQL's programs run as: this process's own user, or `postgres` when this
/// process is root, because initdb and pg_ctl refuse to run as root.
enum ClusterAccount: Sendable {
    case current
    case switched(Switched)

    struct Switched: Sendable {
        let name: String
        let uid: uid_t
        let gid: gid_t
        /// The program and arguments that run a command as this account.
        let launcher: [String]
    }

    static let serviceAccount = "postgres"

    static func forThisProcess() throws(EmbeddedPostgresError) -> ClusterAccount {
        guard geteuid() == 0 else { return .current }
        guard let (uid, gid) = lookUp(serviceAccount) else { throw .accountMissing(account: serviceAccount) }
        let fileManager = FileManager.default
        // The switch is made by a program of its own, not by the spawning library between fork and
        // exec: glibc's setgroups/setuid in the child of a multithreaded process wait for a lock
        // another thread may have held at the fork, and the child hung for good now and then.
        // setpriv execs the command itself; runuser adds a PAM session and a waiting parent.
        if let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first(where: fileManager.isExecutableFile(atPath:)) {
            let launcher = [setpriv, "--reuid=\(uid)", "--regid=\(gid)", "--init-groups", "--"]
            return .switched(Switched(name: serviceAccount, uid: uid, gid: gid, launcher: launcher))
        }
        if let runuser = ["/usr/sbin/runuser", "/sbin/runuser"].first(where: fileManager.isExecutableFile(atPath:)) {
            let launcher = [runuser, "-u", serviceAccount, "--"]
            return .switched(Switched(name: serviceAccount, uid: uid, gid: gid, launcher: launcher))
        }
        throw .accountSwitchUnavailable(account: serviceAccount)
    }

    /// The executable and arguments that run `program` as this account.
    func command(_ program: String, _ arguments: [String]) -> (executable: String, arguments: [String]) {
        switch self {
        case .current:
            return (program, arguments)
        case .switched(let account):
            return (account.launcher[0], Array(account.launcher.dropFirst()) + [program] + arguments)
        }
    }

    /// Fails naming the first parent of `directory` this account cannot traverse. Asked of the
    /// account itself (one shell), so groups and ACLs count exactly as they will for the server.
    func checkCanReach(_ directory: String) async throws(EmbeddedPostgresError) {
        guard case .switched(let account) = self else { return }
        var parents: [String] = []
        var path = (directory as NSString).deletingLastPathComponent
        while path != "/" && !path.isEmpty {
            parents.insert(path, at: 0)
            path = (path as NSString).deletingLastPathComponent
        }
        guard !parents.isEmpty else { return }
        let script = #"for p do [ -x "$p" ] || { printf '%s' "$p"; exit 1; }; done"#
        let outcome = try await ProgramRun.run("/bin/sh", ["-c", script, "sh"] + parents, in: "/", as: self)
        guard outcome.succeeded else {
            let blocked = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .directoryUnreachable(path: blocked.isEmpty ? parents[0] : blocked, account: account.name)
        }
    }

    /// Hands `directory` and everything in it to this account (a root-owned leftover would stop
    /// the server), touching only what it does not own yet.
    func takeOwnership(of directory: String) throws(EmbeddedPostgresError) {
        guard case .switched = self else { return }
        let inside = FileManager.default.subpaths(atPath: directory) ?? []
        for path in [directory] + inside.map({ directory + "/" + $0 }) {
            try own(path)
        }
    }

    /// Hands one file this process created to this account.
    func own(_ path: String) throws(EmbeddedPostgresError) {
        guard case .switched(let account) = self else { return }
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_uid != account.uid || status.st_gid != account.gid else { return }
        guard lchown(path, account.uid, account.gid) == 0 else {
            throw .directoryUnusable(path: path, reason: "cannot hand it to `\(account.name)`: \(systemError())")
        }
    }

    private static func lookUp(_ name: String) -> (uid_t, gid_t)? {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &found) == 0, found != nil else { return nil }
        return (entry.pw_uid, entry.pw_gid)
    }
}
