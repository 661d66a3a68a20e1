import Crypto

/// SHA-256 digests in lowercase hex, for policy hashes and finding fingerprints.
public enum Hashing {
    /// The SHA-256 of bytes, as 64 lowercase hex digits.
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        let digest = SHA256.hash(data: Array(bytes))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The SHA-256 of a string's UTF-8.
    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Array(text.utf8))
    }
}
