import Foundation

/// Why a notification could not be sent to the service manager.
enum SystemdNotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `NOTIFY_SOCKET` is neither an absolute path nor an abstract `@name`.
    case unsupportedAddress(String)
    /// The address does not fit `sockaddr_un.sun_path`.
    case addressTooLong(String)
    case socketFailed(errno: Int32)
    case sendFailed(errno: Int32)

    var description: String {
        switch self {
        case .unsupportedAddress(let address): "NOTIFY_SOCKET '\(address)' is neither an absolute path nor an abstract @name"
        case .addressTooLong(let address): "NOTIFY_SOCKET '\(address)' is too long for a unix socket address"
        case .socketFailed(let code): "cannot create the notify socket: \(String(cString: strerror(code)))"
        case .sendFailed(let code): "cannot send to the notify socket: \(String(cString: strerror(code)))"
        }
    }
}
