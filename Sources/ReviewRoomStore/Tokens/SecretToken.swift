import CLibCrypto

/// Secret tokens and random ids: drawn from the OS CSPRNG, hashed with SHA-256 before storage.
enum SecretToken {
    /// A new 256-bit token as unpadded URL-safe base64 (43 characters).
    static func generate() throws -> String {
        base64URL(try randomBytes(32))
    }

    /// A new id with `prefix` and 96 random bits (`p_…`, `s_…`, `f_…`).
    static func identifier(prefix: String) throws -> String {
        prefix + base64URL(try randomBytes(12))
    }

    /// SHA-256 of the token's UTF-8 bytes: what the database stores and looks up.
    static func hash(_ token: String) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        var bytes = Array(token.utf8)
        bytes.withUnsafeMutableBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                _ = SHA256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        return digest
    }

    /// `count` bytes from OpenSSL's CSPRNG (seeded by the OS).
    static func randomBytes(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        guard ok == 1 else { throw StoreError(.sqlite, "the system random number generator failed (RAND_bytes)") }
        return bytes
    }

    /// Unpadded URL-safe base64 (RFC 4648 §5).
    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let n = UInt32(bytes[index]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)]]
        } else if rest == 2 {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)]]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
