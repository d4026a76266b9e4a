import AsyncHTTPClient
import Foundation
import NIOCore

/// A SPARQL endpoint asked by the SPARQL 1.1 Protocol: the query form-encoded in a POST (a query
/// of this length does not fit every server's URL limit), the answer as SPARQL 1.1 Query Results JSON.
struct SPARQLEndpoint {
    let url: String

    /// Wikidata's service ends a query after 60 s; the rest is the transfer of a large result.
    private static let timeout = TimeAmount.seconds(300)
    private static let maximumResultBytes = 1 << 30
    /// Wikimedia's User-Agent policy asks every client to say what it is.
    private static let userAgent = "timelined (Wikidata treaty import; docs/wikidata-treaties.rq)"
    private static let formUnreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    func results(of query: String) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Accept", value: "application/sparql-results+json")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        let encoded = query.addingPercentEncoding(withAllowedCharacters: Self.formUnreserved) ?? ""
        request.body = .bytes(ByteBuffer(string: "query=" + encoded))
        let response = try await HTTPClient.shared.execute(request, timeout: Self.timeout)
        let body = try await response.body.collect(upTo: Self.maximumResultBytes)
        guard response.status == .ok else {
            let excerpt = String(decoding: body.readableBytesView.prefix(300), as: UTF8.self)
            throw SPARQLEndpointError(status: response.status.code, excerpt: excerpt)
        }
        return Array(body.readableBytesView)
    }
}

/// The endpoint answered, but not with a result.
struct SPARQLEndpointError: Error, CustomStringConvertible {
    let status: UInt
    let excerpt: String

    var description: String { "the endpoint answered \(status): \(excerpt)" }
}
