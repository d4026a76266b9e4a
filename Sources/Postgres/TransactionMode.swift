/// How a transaction begins.
public enum TransactionMode: Sendable {
    /// `BEGIN`: read committed, read-write; each statement sees what was committed before it.
    case readWrite
    /// One snapshot for every statement, and no writes: for several reads that must agree.
    case readOnlySnapshot

    var begin: String {
        switch self {
        case .readWrite: "BEGIN"
        case .readOnlySnapshot: "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
        }
    }
}
