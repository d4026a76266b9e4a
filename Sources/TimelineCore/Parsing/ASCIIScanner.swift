/// A read position in short text taken field by field, for the date, time and duration parsers,
/// which look at what comes next to explain exactly what is wrong with it.
struct ASCIIScanner {
    let bytes: [UInt8]
    private(set) var position = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var isAtEnd: Bool { position == bytes.count }

    /// The byte at the read position; nil at the end.
    var current: UInt8? { isAtEnd ? nil : bytes[position] }

    /// How many digits follow the read position.
    var digitCount: Int {
        bytes[position...].prefix(while: ASCII.isDigit).count
    }

    mutating func advance(by count: Int = 1) {
        position += count
    }

    /// Moves past `byte` if it is next.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        position += 1
        return true
    }

    /// The next `count` bytes, which must be digits, as a number. Callers bound `count` by what
    /// they accept (`digitCount` first), so the number cannot overflow.
    mutating func readNumber(digits count: Int) -> Int {
        let digits = bytes[position..<(position + count)]
        position += count
        return digits.reduce(0) { number, byte in number * 10 + ASCII.digitValue(byte)! }
    }
}
