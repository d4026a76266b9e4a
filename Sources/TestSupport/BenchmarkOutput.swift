import Foundation

/// What the benchmarks under Benchmarks/ share: timing, figures and their one-line reports.
public enum BenchmarkOutput {
    public static func report(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Two decimals, for seconds and ratios.
    public static func format(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    /// Seconds `body` took.
    public static func measure(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// The process's peak resident set so far, in megabytes.
    public static func peakMemoryMegabytes() -> Int {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss / 1024  // kilobytes on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss / 1_048_576  // bytes on Darwin
        #endif
    }
}
