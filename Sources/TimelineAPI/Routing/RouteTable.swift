import Hummingbird

/// The router as controllers see it, recording which methods each path accepts: Hummingbird
/// answers a known path asked with another method as if the path did not exist, while the
/// contract wants 405 with `Allow`.
final class RouteTable<Context: RequestContext>: RouterMethods {
    private let router: Router<Context>
    /// One entry per path template, in the order the routes were added.
    private var methods: [(path: RouterPath, methods: [HTTPRequest.Method])] = []

    init(_ router: Router<Context>) {
        self.router = router
    }

    @discardableResult
    func on<Responder: HTTPResponder>(
        _ path: RouterPath, method: HTTPRequest.Method, responder: Responder
    ) -> Self where Responder.Context == Context {
        router.on(path, method: method, responder: responder)
        if let index = methods.firstIndex(where: { $0.path.description == path.description }) {
            methods[index].methods.append(method)
        } else {
            methods.append((path, [method]))
        }
        return self
    }

    @discardableResult
    func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        router.add(middleware: middleware)
        return self
    }

    /// Routes every other common method of each known path to a 405. Call it last: the 405
    /// routes bypass the middleware of the groups the real routes were added through.
    func answerOtherMethodsNotAllowed() {
        for (path, accepted) in methods {
            // The router answers HEAD for every GET route (`.autoGenerateHeadEndpoints`).
            let allowed = accepted.contains(.get) && !accepted.contains(.head) ? accepted + [.head] : accepted
            let notAllowed = APIError.methodNotAllowed(allowed: allowed)
            for method in Self.commonMethods where !allowed.contains(method) {
                router.on(path, method: method) { _, _ -> Response in throw notAllowed }
            }
        }
    }

    /// Every method of RFC 9110 that names a resource by its path (CONNECT names a host), PATCH,
    /// and QUERY (the safe method with a body the HTTP working group is standardising).
    private static var commonMethods: [HTTPRequest.Method] {
        [.get, .head, .post, .put, .patch, .delete, .options, .trace, HTTPRequest.Method("QUERY")!]
    }
}
