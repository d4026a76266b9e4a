import Glibc

/// Splits bytes that arrive in chunks into numbered lines without ever holding more than one
/// line: a line that ends inside a chunk is handed over in place, and only a line that spans
/// chunks is copied, up to `maximumLineLength` bytes. Lines end at a line feed; a carriage return
/// before it is dropped (files written with `\r\n`). Bytes are not decoded: what a line holds is
/// its reader's business.
public struct LineStream {
    /// What one line turned out to be.
    public enum Line {
        /// Ended by a line feed. The buffer is valid only during the call.
        case complete(UnsafeRawBufferPointer)
        /// The input ended before a line feed: a file cut short, or one without a final newline.
        case unterminated(UnsafeRawBufferPointer)
        /// Longer than `maximumLineLength`; its bytes were not kept.
        case overlong(length: Int)
    }

    public let maximumLineLength: Int
    private var carried: [UInt8] = []
    /// Length so far of an overlong line being passed over, nil while lines fit.
    private var overlongLength: Int?
    private var linesSeen = 0

    public init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    /// Hands every line that `chunk` completes to `line`, with its 1-based number.
    public mutating func consume(_ chunk: UnsafeRawBufferPointer, _ line: (_ number: Int, Line) -> Void) {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        while start < chunk.count,
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), chunk.count - start)
        {
            let end = base.distance(to: UnsafeRawPointer(found))
            let piece = UnsafeRawBufferPointer(rebasing: chunk[start..<end])
            linesSeen += 1
            if let length = overlongLength {
                overlongLength = nil
                line(linesSeen, .overlong(length: length + piece.count))
            } else if carried.count + piece.count > maximumLineLength {
                line(linesSeen, .overlong(length: carried.count + piece.count))
                carried.removeAll(keepingCapacity: true)
            } else if carried.isEmpty {
                deliver(piece, as: linesSeen, line)
            } else {
                carried.append(contentsOf: piece)
                carried.withUnsafeBytes { deliver($0, as: linesSeen, line) }
                carried.removeAll(keepingCapacity: true)
            }
            start = end + 1
        }
        carry(UnsafeRawBufferPointer(rebasing: chunk[start...]))
    }

    /// Hands over what follows the last line feed, if anything does; call once the input has ended.
    public mutating func finish(_ line: (_ number: Int, Line) -> Void) {
        if let length = overlongLength {
            line(linesSeen + 1, .overlong(length: length))
        } else if !carried.isEmpty {
            carried.withUnsafeBytes { line(linesSeen + 1, .unterminated($0)) }
        }
        carried.removeAll()
        overlongLength = nil
    }

    private func deliver(_ bytes: UnsafeRawBufferPointer, as number: Int, _ line: (Int, Line) -> Void) {
        if bytes.last == UInt8(ascii: "\r") {
            line(number, .complete(UnsafeRawBufferPointer(rebasing: bytes.dropLast())))
        } else {
            line(number, .complete(bytes))
        }
    }

    private mutating func carry(_ rest: UnsafeRawBufferPointer) {
        if let length = overlongLength {
            overlongLength = length + rest.count
        } else if carried.count + rest.count > maximumLineLength {
            overlongLength = carried.count + rest.count
            carried.removeAll(keepingCapacity: false)
        } else {
            carried.append(contentsOf: rest)
        }
    }
}
