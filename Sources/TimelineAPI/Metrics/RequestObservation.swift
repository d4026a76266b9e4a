import Hummingbird
import Logging

/// One answered request, as both the access log and the metrics record it.
struct RequestObservation: Sendable {
    /// Hummingbird's name for requests no route matched.
    private static let unmatchedEndpoint = "NotFound"
    private static let knownMethods: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .patch, .delete, .options]

    /// The method, or `OTHER` for a method no route knows: clients choose methods freely, and
    /// metric labels must not grow without bound.
    let method: String
    /// The route template (`/v1/events/{id}`), never the raw path, which would carry ids;
    /// `unmatched` when no route matched.
    let route: String
    let status: HTTPResponse.Status
    let duration: Duration

    init(request: Request, endpointPath: String?, status: HTTPResponse.Status, duration: Duration) {
        method = Self.knownMethods.contains(request.method) ? request.method.rawValue : "OTHER"
        route = endpointPath.flatMap { $0 == Self.unmatchedEndpoint ? nil : $0 } ?? "unmatched"
        self.status = status
        self.duration = duration
    }

    func log(to logger: Logger) {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        logger.info("request", metadata: [
            "method": .string(method),
            "path": .string(route),
            "status": .stringConvertible(status.code),
            "duration_ms": .stringConvertible((milliseconds * 1000).rounded() / 1000),
        ])
    }
}
