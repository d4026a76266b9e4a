/// How large a spool file may be, and the setting that says so (named when a file is refused).
struct SpoolSizeLimit: Sendable, Equatable {
    let bytes: Int
    let setting: String

    /// v1 record files: a spool file is a request body that arrives another way.
    static func requestBody(_ bytes: Int) -> SpoolSizeLimit { SpoolSizeLimit(bytes: bytes, setting: "http.max_body_bytes") }

    /// GDELT export files: streamed, so held to the importers' limit.
    static func importFile(_ bytes: Int) -> SpoolSizeLimit { SpoolSizeLimit(bytes: bytes, setting: "import.max_file_bytes") }

    /// Side files: the daemon wrote them.
    static let unlimited = SpoolSizeLimit(bytes: .max, setting: "none")
}
