import Foundation
import Crypto

extension SHA256.Digest {
    /// Lowercase hex, as the ledger and the side files name a file's content.
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
