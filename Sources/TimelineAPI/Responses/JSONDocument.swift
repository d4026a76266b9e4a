import Hummingbird

/// A JSON body made elsewhere — by PostgreSQL, or embedded at build time — sent byte for byte:
/// decoding and re-encoding it would cost time and could only alter what its author wrote.
struct JSONDocument: ResponseGenerator {
    private let body: ByteBuffer

    init(_ bytes: some Sequence<UInt8>) {
        body = ByteBuffer(bytes: bytes)
    }

    func response(from request: Request, context: some RequestContext) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
    }
}
