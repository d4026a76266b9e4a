import Hummingbird

/// Times every request and hands the outcome to the access log and the metrics.
struct ObservationMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let metrics: APIMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        // `ProblemMiddleware` runs inside this one, so errors arrive here as responses.
        let response = try await next(request, context)
        let observation = RequestObservation(
            request: request, endpointPath: context.endpointPath, status: response.status, duration: .now - start)
        observation.log(to: context.logger)
        metrics.record(observation)
        return response
    }
}
