import Foundation
import ReviewRoomTesting

/// Self-signed certificates for tests, made with the `openssl` command.
enum TestCertificate {
    /// A fresh self-signed certificate for 127.0.0.1 and its key, as `cert.pem`/`key.pem`
    /// (with `prefix`) in `directory`, valid for `days` (30: beyond the expiry warning's 14).
    static func make(in directory: URL, prefix: String = "", days: Int = 30) async throws -> (cert: URL, key: URL) {
        let cert = directory.appendingPathComponent(prefix + "cert.pem"), key = directory.appendingPathComponent(prefix + "key.pem")
        let result = try await ChildProcess.run([
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-days", "\(days)", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", key.path, "-out", cert.path,
        ])
        guard result.status == 0 else { throw CertificateFailure(message: "openssl failed: \(result.stderr)") }
        return (cert, key)
    }
}

/// `openssl` could not make a test certificate.
struct CertificateFailure: Error, CustomStringConvertible {
    /// What openssl said.
    var message: String
    /// The message.
    var description: String { message }
}
