import Foundation

/// Where the service manager listens: `NOTIFY_SOCKET` as sd_notify(3) reads it — an absolute
/// file system path, or `@name` for a socket in the abstract namespace (leading NUL byte).
struct NotifySocketAddress: Sendable, Equatable {
    /// The bytes of `sun_path`, the abstract form already starting with NUL.
    let path: [UInt8]
    let description: String

    init(_ value: String) throws(SystemdNotifyError) {
        var bytes = Array(value.utf8)
        if value.hasPrefix("@") {
            bytes[0] = 0
        } else if value.hasPrefix("/") {
            // A path is NUL-terminated; an abstract name is exactly its bytes.
            bytes.append(0)
        } else {
            throw .unsupportedAddress(value)
        }
        guard bytes.count <= MemoryLayout.size(ofValue: sockaddr_un().sun_path) else { throw .addressTooLong(value) }
        self.path = bytes
        self.description = value
    }

    /// Calls `body` with this address as a `sockaddr` and its exact length, which for an
    /// abstract name must not include any padding: the kernel counts every byte of the name.
    func withSocketAddress<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + path.count)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}
