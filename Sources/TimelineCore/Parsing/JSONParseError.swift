/// Where and why a text is not JSON. Lines and columns count from 1; columns are in bytes.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Byte offset of the problem in the parsed input.
    public let offset: Int
    public let line: Int
    public let column: Int
    public let message: String

    public init(offset: Int, line: Int, column: Int, message: String) {
        self.offset = offset
        self.line = line
        self.column = column
        self.message = message
    }

    init(failure: JSONParser.Failure, in buffer: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var currentLineStart = 0
        var index = 0
        while index < failure.offset && index < buffer.count {
            if buffer[index] == UInt8(ascii: "\n") {
                line += 1
                currentLineStart = index + 1
            }
            index += 1
        }
        self.init(
            offset: failure.offset, line: line, column: failure.offset - currentLineStart + 1,
            message: failure.message)
    }

    public var description: String {
        "invalid JSON at line \(line), column \(column): \(message)"
    }
}
