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

    /// The SHA-256 of strings joined by NUL, hashed part by part without building the joined
    /// string (a fingerprint is computed for every finding).
    public static func sha256Hex(joiningWithNUL parts: String...) -> String {
        var hasher = SHA256()
        for (position, part) in parts.enumerated() {
            if position > 0 { withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) } }
            var part = part
            part.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        return hex(hasher.finalize())
    }

    /// Lowercase hex of a digest's bytes.
    private static func hex(_ digest: SHA256.Digest) -> String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            var position = 0
            for byte in digest {
                buffer[position] = hexDigit(byte >> 4)
                buffer[position + 1] = hexDigit(byte & 0x0F)
                position += 2
            }
            return position
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
