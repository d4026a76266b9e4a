#if canImport(Glibc)
import Glibc
#endif

/// glibc gives each thread that allocates concurrently an arena of its own, up to eight per
/// core, and keeps what each arena once held. The daemon's threads (NIO's event loops, the
/// thread pool that runs libpq, Dispatch's workers that validate a batch) each grew their own:
/// ingesting 10,000-record batches on a pool of 16 connections held 166 MiB at its peak, with two
/// arenas 107–123 MiB. Set at start, before those threads allocate.
public enum MemoryArenas {
    public static let limit: Int32 = 2

    public static func limitForDaemon() {
        #if canImport(Glibc)
        // `mallopt` and M_ARENA_MAX (malloc.h) are not in Swift's Glibc module.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let arenaMax: Int32 = -8
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, limit)
        #endif
    }
}
