/// Eight bytes of UTF-8 read as one `UInt64`, to learn in a few operations whether any of them is
/// a byte a scan stops at: the test that lets the JSON parser and the markup escaping pass over
/// ordinary text eight bytes at a time.
@frozen
public struct ByteWord {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highBits: UInt64 = 0x8080_8080_8080_8080

    public let value: UInt64

    /// The eight bytes from `offset` on; the caller makes sure that there are eight.
    @inlinable
    public init(_ base: UnsafePointer<UInt8>, at offset: Int) {
        value = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
    }

    /// Some byte is `byte`.
    @inlinable
    public func contains(_ byte: UInt8) -> Bool {
        let matched = value ^ (Self.ones &* UInt64(byte))
        return (matched &- Self.ones) & ~matched & Self.highBits != 0
    }

    /// Some byte is below `limit`, which is at most 0x80.
    @inlinable
    public func containsByte(below limit: UInt8) -> Bool {
        (value &- Self.ones &* UInt64(limit)) & ~value & Self.highBits != 0
    }

    /// No byte has its high bit set.
    @inlinable
    public var isASCII: Bool {
        value & Self.highBits == 0
    }
}
