import Hummingbird

/// `GET /metrics`: the Prometheus text exposition.
struct MetricsController {
    let metrics: APIMetrics

    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .get("metrics", use: scrape)
    }

    @Sendable private func scrape(_ request: Request, context: APIRequestContext) -> Response {
        let body = metrics.exposition()
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .contentLength: String(body.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
