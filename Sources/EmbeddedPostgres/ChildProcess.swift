import Foundation

/// How a program that ran to its end ended.
struct ChildOutcome: Sendable {
    let status: Int32
    let output: String

    var succeeded: Bool { status == 0 }

    /// The lines that matter joined into one, for one-line error messages: from the first
    /// error on (PostgreSQL's tools print progress before it), else the last few.
    var tail: String { Self.tail(of: output) }

    static func tail(of text: String, lines count: Int = 3) -> String {
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let firstError = lines.firstIndex { line in
            ["error:", "FATAL:", "PANIC:"].contains { line.contains($0) }
        }
        let kept = firstError.map { lines[$0...].prefix(count) } ?? lines.suffix(count)
        guard !kept.isEmpty else { return "no output" }
        // The error description goes on after it with "; ".
        let joined = kept.joined(separator: " / ")
        return joined.hasSuffix(".") ? String(joined.dropLast()) : joined
    }
}

/// Runs programs with posix_spawn rather than Foundation's `Process`: `Process` learns that a
/// child ended when a socket it passes down reaches end-of-file, and `pg_ctl start` hands that
/// socket on to the server it leaves running, so the end of `pg_ctl` would never be noticed.
/// Here the child gets stdin, stdout and stderr and nothing else.
enum ChildProcess {
    static func run(
        _ executable: String, _ arguments: [String], in directory: String
    ) async throws(EmbeddedPostgresError) -> ChildOutcome {
        // A file rather than a pipe: nothing has to drain it while the program runs.
        let output = try temporaryOutputFile(for: executable)
        defer { close(output) }

        let pid = try spawn(executable, arguments, in: directory, output: output)
        let status = await exitStatus(of: pid)

        lseek(output, 0, SEEK_SET)
        let handle = FileHandle(fileDescriptor: output, closeOnDealloc: false)
        let data = (try? handle.readToEnd()) ?? Data()
        return ChildOutcome(status: status, output: String(decoding: data, as: UTF8.self))
    }

    private static func spawn(
        _ executable: String, _ arguments: [String], in directory: String, output: Int32
    ) throws(EmbeddedPostgresError) -> pid_t {
        guard let closeFrom = glibcSpawnAction("posix_spawn_file_actions_addclosefrom_np", as: CloseFrom.self),
              let changeDirectory = glibcSpawnAction("posix_spawn_file_actions_addchdir_np", as: ChangeDirectory.self)
        else {
            throw .launchFailed(program: executable, reason: "the C library is older than glibc 2.34")
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        _ = closeFrom(&actions, 3)
        // The programs need a working directory they may enter: initdb fails in an unreadable one.
        _ = directory.withCString { changeDirectory(&actions, $0) }

        // Whatever this process blocks or ignores (SIGPIPE, typically) must not reach the server.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let failure = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard failure == 0 else {
            throw .launchFailed(program: executable, reason: String(cString: strerror(failure)))
        }
        return pid
    }

    /// waitpid blocks, so it runs on a thread of its own, off the cooperative pool.
    private static func exitStatus(of pid: pid_t) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                var result = waitpid(pid, &status, 0)
                while result == -1 && errno == EINTR { result = waitpid(pid, &status, 0) }
                guard result == pid else { return continuation.resume(returning: -1) }
                // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
                let signal = status & 0x7f
                continuation.resume(returning: signal == 0 ? (status >> 8) & 0xff : 128 + signal)
            }
        }
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc's `_np` spawn actions, which the Glibc module does not import.
    private static func glibcSpawnAction<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    private static func temporaryOutputFile(for executable: String) throws(EmbeddedPostgresError) -> Int32 {
        var template = Array((FileManager.default.temporaryDirectory.path + "/timelined-output-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw .launchFailed(program: executable, reason: "cannot create a temporary file for its output: \(systemError())")
        }
        // Only the child it is handed to gets it, not programs other threads launch meanwhile.
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return descriptor
    }
}
