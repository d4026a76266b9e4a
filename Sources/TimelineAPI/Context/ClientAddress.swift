import NIOCore

/// Where a request came from, as far as its connection tells: what the loopback rule of
/// contract §3 is decided on.
public enum ClientAddress: Sendable, Hashable {
    /// A client on this machine connected over a unix domain socket.
    case unixSocket
    case ip(SocketAddress)
    /// The connection names no peer (requests handed to the router directly, as in tests).
    case unknown

    public init(channel: any Channel) {
        // A unix socket's client is often unnamed, so the listening side decides.
        if case .unixDomainSocket = channel.localAddress {
            self = .unixSocket
        } else if let remote = channel.remoteAddress {
            if case .unixDomainSocket = remote { self = .unixSocket } else { self = .ip(remote) }
        } else {
            self = .unknown
        }
    }

    /// 127.0.0.0/8, ::1 (also written as the IPv4-mapped ::ffff:127.x.y.z) and unix sockets.
    /// An unknown address is not loopback: the rule fails closed.
    public var isLoopback: Bool {
        switch self {
        case .unixSocket:
            return true
        case .unknown:
            return false
        case .ip(let address):
            switch address {
            case .v4(let v4):
                return UInt32(bigEndian: v4.address.sin_addr.s_addr) >> 24 == 127
            case .v6(let v6):
                let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
                let isLoopback = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
                let isMappedIPv4Loopback = bytes[0..<10].allSatisfy { $0 == 0 }
                    && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
                return isLoopback || isMappedIPv4Loopback
            case .unixDomainSocket:
                return true
            }
        }
    }
}
