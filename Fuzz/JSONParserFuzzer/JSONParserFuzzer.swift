import JSONOracle
import TimelineCore

/// libFuzzer's entry point (`make fuzz`): every input must be parsed or refused without a crash,
/// what `JSONValue` accepts Foundation must read as the same value, and the ingest formats, which
/// split a body before parsing it, must not crash either.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: count)
    let value = try? JSONValue(parsing: bytes)
    if let value, let difference = FoundationJSONComparison.difference(value, parsing: bytes) {
        fatalError("JSONValue and Foundation disagree: \(difference)")
    }
    _ = try? RecordDocument.records(in: bytes, format: .ndjson)
    _ = try? RecordDocument.records(in: bytes, format: .csv)
    // A JSON body is one parse of the whole text: its records are that value's.
    let records = try? RecordDocument.records(in: bytes, format: .json)
    let expected: [JSONValue]? =
        switch value {
        case .object(let members)?: [.object(members)]
        case .array(let elements)?: elements
        default: nil
        }
    if records != expected {
        fatalError("RecordDocument (.json) gives \(String(describing: records)), JSONValue \(String(describing: value))")
    }
    return 0
}
