import Crypto
import TimelineCore

/// Checks bearer tokens against the SHA-256 hashes of `api.token_hashes`; the tokens
/// themselves are never stored, logged or compared.
struct BearerTokenVerifier: Sendable {
    private struct AcceptedHash: Sendable {
        let digest: [UInt8]
        let fingerprint: String
    }

    private let accepted: [AcceptedHash]

    /// Hex hashes as configured; an entry that is not 64 hex digits can never match, but still
    /// counts as configured, so a typo locks writes instead of opening them.
    init(hexHashes: [String]) {
        accepted = hexHashes.map { hex in
            AcceptedHash(digest: Self.bytes(fromHex: hex) ?? [], fingerprint: String(hex.lowercased().prefix(8)))
        }
    }

    /// No token configured: writes fall back to the loopback rule.
    var isEmpty: Bool { accepted.isEmpty }

    /// The caller a token stands for, nil when it is not accepted. Every configured hash is
    /// compared in full, without stopping at the first difference or the first match, so the
    /// time taken tells nothing about how close a guess came.
    func caller(presenting token: Substring) -> Caller? {
        let digest = Array(SHA256.hash(data: Array(token.utf8)))
        var match: Caller?
        for hash in accepted where Self.constantTimeEqual(hash.digest, digest) {
            match = match ?? .token(fingerprint: hash.fingerprint)
        }
        return match
    }

    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    private static func bytes(fromHex hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 2 * SHA256.byteCount else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(SHA256.byteCount)
        for pair in stride(from: 0, to: digits.count, by: 2) {
            guard let high = ASCII.hexDigitValue(digits[pair]), let low = ASCII.hexDigitValue(digits[pair + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}
