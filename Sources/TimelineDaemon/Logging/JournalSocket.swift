import Foundation

/// journald's native protocol (systemd's `sd_journal_send`, without libsystemd): one datagram per
/// entry on `/run/systemd/journal/socket`, each field `KEY=value\n`, or `KEY\n`, the value's length
/// as a little-endian 64-bit number, the value and `\n` when the value holds a line feed.
///
/// An entry larger than a datagram can hold would need a sealed memfd passed along (the protocol
/// allows it); `send` reports the failure instead, and the caller writes the line to stderr, which
/// journald files too, only without the extra fields.
public final class JournalSocket: Sendable {
    public static let defaultPath = "/run/systemd/journal/socket"

    private let descriptor: Int32
    /// A datagram socket's address, parsed as sd_notify's is (an absolute path here).
    private let address: NotifySocketAddress

    /// nil when `path` is no usable socket address or no datagram socket can be made.
    public init?(path: String = defaultPath) {
        guard let address = try? NotifySocketAddress(path) else { return nil }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.address = address
    }

    deinit {
        close(descriptor)
    }

    /// One journal entry of `fields`, in their order; false when journald did not take it.
    public func send(_ fields: KeyValuePairs<String, String>) -> Bool {
        var datagram: [UInt8] = []
        for (key, value) in fields {
            datagram += key.utf8
            if value.utf8.contains(UInt8(ascii: "\n")) {
                datagram.append(UInt8(ascii: "\n"))
                withUnsafeBytes(of: UInt64(value.utf8.count).littleEndian) { datagram += $0 }
                datagram += value.utf8
            } else {
                datagram.append(UInt8(ascii: "="))
                datagram += value.utf8
            }
            datagram.append(UInt8(ascii: "\n"))
        }
        let sent = address.withSocketAddress { address, length in
            datagram.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), address, length) }
        }
        return sent == datagram.count
    }
}
