import Foundation
import Hummingbird

/// `/healthz` (the process runs) and `/readyz` (it can serve: database reachable, schema current).
public struct HealthController<Context: RequestContext>: Sendable {
    let probe: any ReadinessProbe

    public init(probe: any ReadinessProbe) {
        self.probe = probe
    }

    public func addRoutes(to router: Router<Context>) {
        router.get("healthz") { _, _ in
            Self.json(["status": "ok"], status: .ok)
        }
        router.get("readyz") { _, _ in
            let readiness = await probe.readiness()
            if readiness.isReady {
                return Self.json(["status": "ready"], status: .ok)
            }
            var response = Self.json(["status": "not ready", "reason": readiness.reason ?? "unknown"], status: .serviceUnavailable)
            response.headers[.retryAfter] = "5"
            return response
        }
    }

    private static func json(_ body: [String: String], status: HTTPResponse.Status) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
