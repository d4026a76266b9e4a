import Foundation
import Subprocess

/// The account PostgreSQL's programs run as: this process's own user, or `postgres` when this
/// process is root, because initdb and pg_ctl refuse to run as root.
enum ClusterAccount: Sendable {
    case current
    case switched(Switched)

    struct Switched: Sendable {
        let name: String
        let uid: uid_t
        let gid: gid_t
        /// Its supplementary groups, as `initgroups` would set them.
        let groups: [gid_t]
    }

    static let serviceAccount = "postgres"

    static func forThisProcess() throws(EmbeddedPostgresError) -> ClusterAccount {
        guard geteuid() == 0 else { return .current }
        guard let account = lookUp(serviceAccount) else { throw .accountMissing(account: serviceAccount) }
        return .switched(account)
    }

    /// How a program is launched as this account: the child takes its groups and user before
    /// it execs (as `setpriv --init-groups` would), and keeps this process's environment.
    var platformOptions: PlatformOptions {
        var options = PlatformOptions()
        guard case .switched(let account) = self else { return options }
        options.supplementaryGroups = account.groups
        options.groupID = account.gid
        options.userID = account.uid
        return options
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

    private static func lookUp(_ name: String) -> Switched? {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &found) == 0, found != nil,
              let groups = groupList(name, entry.pw_gid)
        else { return nil }
        return Switched(name: name, uid: entry.pw_uid, gid: entry.pw_gid, groups: groups)
    }

    private static func groupList(_ name: String, _ primary: gid_t) -> [gid_t]? {
        var count: Int32 = 32
        while true {
            var groups: [gid_t] = Array(repeating: 0, count: Int(count))
            let capacity = count
            if getgrouplist(name, primary, &groups, &count) >= 0 {
                return Array(groups.prefix(Int(count)))
            }
            // Too small: `count` now holds the size needed.
            guard count > capacity else { return nil }
        }
    }
}
