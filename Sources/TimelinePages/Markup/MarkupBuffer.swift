/// The bytes a `MarkupWriter` writes into: a growable buffer with one owner, so that appending a
/// run of bytes is a capacity check and a copy — an `Array` append also checks that its storage is
/// unshared, and a page appends some fifteen thousand runs.
struct MarkupBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        guard let base = run.baseAddress, !run.isEmpty else { return }
        reserve(run.count)
        (start + count).initialize(from: base, count: run.count)
        count += run.count
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        (start + count).initialize(to: byte)
        count += 1
    }

    mutating func append(_ constant: StaticString) {
        constant.withUTF8Buffer { append($0) }
    }

    /// Takes back the last `n` bytes written.
    mutating func removeLast(_ n: Int) {
        precondition(n <= count)
        count -= n
    }

    /// The bytes written, copied out.
    var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: start, count: count))
    }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        body(UnsafeBufferPointer(start: start, count: count))
    }

    private mutating func reserve(_ more: Int) {
        guard count + more > capacity else { return }
        let grown = max(capacity * 2, count + more)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.initialize(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = grown
    }
}
