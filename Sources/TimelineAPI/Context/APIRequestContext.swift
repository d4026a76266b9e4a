import Foundation
import Hummingbird
import NIOCore

/// What the API knows about a request beyond the request itself; middleware fills it in on
/// the way to the handler.
public struct APIRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's `X-Request-Id` when sane, else generated; set by `RequestIDMiddleware`, which
    /// also takes Hummingbird's own id off the logger: use this, not `id`.
    public var requestID: String
    /// Set by `WriteAuthorizationMiddleware` for mutating requests.
    public var caller: Caller
    public let client: ClientAddress

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        requestID = ""
        caller = .anonymous
        client = ClientAddress(channel: source.channel)
    }

    /// Ids and paths in answers read as written, not as `\/`; members in one order, sorted: without
    /// it Foundation's encoder writes them in hash order, which differs from one response to the next.
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }

    /// For Hummingbird's tracing middleware.
    public var remoteAddress: SocketAddress? {
        if case .ip(let address) = client { address } else { nil }
    }
}
