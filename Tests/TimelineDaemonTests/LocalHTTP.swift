import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Talking to a daemon the tests started: a free port to give it, and its HTTP answers.
enum LocalHTTP {
    /// A port nobody listens on right now.
    static func freePort() throws -> Int {
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The status `url` answers, nil when nothing answers.
    static func status(_ url: String) async -> Int? {
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 2
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }

    /// `POST /v1/events` of a JSON body, as a loopback client, with `token` as bearer when given;
    /// the status, or an error when nothing answers.
    static func postEvents(port: Int, _ body: Data, token: String? = nil) async throws -> Int? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1/events")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = body
        request.timeoutInterval = 30
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode
    }

    /// Polls until `url` answers `expected`, for up to `seconds`.
    static func waitFor(_ url: String, _ expected: Int, seconds: Int = 60) async -> Bool {
        for _ in 0..<(seconds * 10) {
            if await status(url) == expected { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
