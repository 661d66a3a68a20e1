import Crypto

/// SHA-256 digests in lowercase hex, for policy hashes and finding fingerprints.
public enum Hashing {
    /// The SHA-256 of bytes, as 64 lowercase hex digits.
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        hex(SHA256.hash(data: Array(bytes)))
    }

    /// The SHA-256 of a string's UTF-8.
    public static func sha256Hex(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hex(SHA256.hash(data: $0)) }
    }

    /// The SHA-256 of strings joined by NUL, hashed in one call without building a `String`
    /// (a fingerprint is computed for every finding).
    public static func sha256Hex(joiningWithNUL parts: String...) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(parts.count) { $0 + $1.utf8.count })
        for (position, part) in parts.enumerated() {
            if position > 0 { bytes.append(0) }
            bytes += part.utf8
        }
        return hex(SHA256.hash(data: bytes))
    }

    /// Lowercase hex of a digest's bytes.
    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.withUnsafeBytes { digestBytes in
            String(unsafeUninitializedCapacity: digestBytes.count * 2) { buffer in
                for (position, byte) in digestBytes.enumerated() {
                    buffer[2 * position] = hexDigit(byte >> 4)
                    buffer[2 * position + 1] = hexDigit(byte & 0x0F)
                }
                return digestBytes.count * 2
            }
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
