/// A file the import could not read to its end (contract §10: a non-zero exit). Malformed lines
/// are not errors: they are reported in the summary.
public enum GdeltImportError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(file: String, reason: String)
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let file, let reason): "cannot open \(file): \(reason)"
        case .unreadable(let file, let reason): "cannot read \(file): \(reason)"
        }
    }
}
