/// What `SpoolImportLedger.import` did with a file.
public enum SpoolImportOutcome: Sendable, Hashable {
    /// Its records were stored, and the ledger says so.
    case imported(SpoolReceipt)
    /// The ledger already had it: nothing was stored again.
    case alreadyImported(SpoolReceipt)

    public var receipt: SpoolReceipt {
        switch self {
        case .imported(let receipt), .alreadyImported(let receipt): receipt
        }
    }
}
