import Crypto
import Foundation
import Hummingbird
import TimelineCore

/// Answers a read that depends only on the database and the day (timeline JSON, TimelineJS, the
/// pages) with an ETag, `Cache-Control`, `304` to a matching `If-None-Match`, and the rendered
/// body from the cache when it is there (contract §13).
///
/// The ETag hashes the change sequence, today in `alerts.time_zone` and the request's URL, so
/// every daemon on the database gives the same resource the same ETag, and it changes with every
/// committed write and at midnight ("days left", the default `as_of`, move then).
struct ConditionalResponder: Sendable {
    let sequence: any ChangeSequenceReading
    let cache: RenderedResponseCache
    /// Read at every request: a reload may change `alerts.time_zone` or the max-age.
    let configuration: @Sendable () -> APIConfiguration

    func respond(
        to request: Request, contentType: String, render: () async throws -> ByteBuffer
    ) async throws -> Response {
        let configuration = configuration()
        let sequence = try await sequence.current()
        let tag = Self.entityTag(sequence: sequence, today: try configuration.alerts.today(), url: request.uri.description)
        var headers: HTTPFields = [.eTag: tag, .cacheControl: "public, max-age=\(configuration.cacheMaxAgeSeconds)"]
        if Self.matches(request.headers[values: .ifNoneMatch], tag) {
            return Response(status: .notModified, headers: headers)
        }
        let body: ByteBuffer
        if let entry = cache.entry(tag) {
            body = entry.body
        } else {
            body = try await render()
            cache.store(tag, body: body, contentType: contentType, sequence: sequence)
        }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// A strong entity tag: the first 128 bits of a SHA-256, in hex.
    static func entityTag(sequence: Int64, today: CalendarDate, url: String) -> String {
        let digest = SHA256.hash(data: Array("\(sequence)\n\(today)\n\(url)".utf8))
        return "\"" + digest.prefix(16).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined() + "\""
    }

    /// RFC 9110 §13.1.2: `*`, or any listed tag equal under the weak comparison.
    static func matches(_ fieldValues: [String], _ tag: String) -> Bool {
        fieldValues.flatMap { $0.split(separator: ",") }.contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || (trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed) == tag
        }
    }
}
