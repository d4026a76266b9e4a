import Foundation

extension Array where Element: Sendable {
    /// `map`, spread over the machine's cores in contiguous chunks of at least `minimumChunk`
    /// elements, the results in order. For pure, CPU-bound transforms of many elements — validating
    /// an ingest batch, evaluating every agreement — that would otherwise keep one core busy while
    /// the other waits. The calling thread takes part and is blocked until every chunk is done.
    public func concurrentMap<T: Sendable>(minimumChunk: Int = 1_000, _ transform: @Sendable (Element) -> T) -> [T] {
        let chunks = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / Swift.max(minimumChunk, 1))
        guard chunks > 1 else { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let results = DisjointResults(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in count * chunk / chunks..<count * (chunk + 1) / chunks {
                    results.initialize(index, to: transform(self[index]))
                }
            }
            initialized = count
        }
    }
}

/// The result buffer of `concurrentMap`, shared by its chunks: each initializes only its own
/// elements, so no element is written twice or by two threads.
private struct DisjointResults<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>

    func initialize(_ index: Int, to value: T) {
        (base + index).initialize(to: value)
    }
}
