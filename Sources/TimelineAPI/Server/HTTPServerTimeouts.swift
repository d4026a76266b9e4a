import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// How long the server waits for slow clients (`http.idle_timeout_seconds`,
/// `http.body_timeout_seconds`), so that nobody holds a connection open by sending slowly.
///
/// - `idle`: a connection on which no request part arrives for this long is closed. That
///   covers a keep-alive connection left idle and a request head sent a byte at a time: the
///   head counts only once it is complete, so it has this long from the connection's opening
///   (or from the previous answer) to arrive.
/// - `body`: a request body must be in within this long of its head. Every byte counts as
///   activity for `idle`, so a body trickling in would otherwise hold the connection for as
///   long as the client likes. Past the deadline the request reads an error, which the API
///   answers `408`, and the connection is closed after the answer.
public struct HTTPServerTimeouts: Sendable, Hashable {
    public var idle: Duration
    public var body: Duration

    public init(idle: Duration = .seconds(60), body: Duration = .seconds(60)) {
        self.idle = idle
        self.body = body
    }

    /// The HTTP/1.1 channel the daemon serves on.
    public var channelConfiguration: HTTP1Channel.Configuration {
        let body = body
        return HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestBodyDeadlineHandler(timeout: body)],
            idleTimeout: TimeAmount(idle))
    }
}

/// What a request body's reader gets when the body missed its deadline.
public struct RequestBodyTimeout: Error, Sendable, Hashable {
    public let timeout: Duration
}

/// Starts a clock at every request head and stops it at the request's end; when it runs out
/// first, the error goes down the pipeline, where it ends the request's body stream — the
/// handler reading the body sees it, and Hummingbird, which reads what is left of a body after
/// the answer, closes the connection on it.
final class RequestBodyDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let timeout: Duration
    private var deadline: Scheduled<Void>?

    init(timeout: Duration) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            deadline?.cancel()
            let timeout = timeout
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) { [weak self] in
                self?.deadline = nil
                context.fireErrorCaught(RequestBodyTimeout(timeout: timeout))
            }
        case .body:
            break
        case .end:
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }
}
