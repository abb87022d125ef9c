import CLibWebSockets

/// Loads a PEM certificate chain and private key with OpenSSL and checks they match.
///
/// lws 4.1.6 has no public call to reload a vhost's certificate, so the reload loads the
/// new pair straight into the vhost's live `SSL_CTX` (captured at
/// `LWS_CALLBACK_OPENSSL_LOAD_EXTRA_SERVER_VERIFY_CERTS`). New handshakes use the new
/// certificate; established connections keep theirs. The pair is first checked in a
/// throw-away `SSL_CTX`, so a bad file never damages the live one. The daemon's configuration
/// checks use ``validateNamingFile(certificatePath:keyPath:)`` too, so `check-config` refuses
/// what `serve` could not load.
public enum TLSCertificateLoader {
    /// The file a failed check blames: the certificate when it does not load, else the key.
    public enum Culprit: Sendable, Equatable {
        /// The certificate chain does not load.
        case certificate
        /// The key does not load, or does not match the certificate.
        case key
    }

    /// Checks that the files load and match, without touching any live context.
    public static func validate(certificatePath: String, keyPath: String) -> TransportError? {
        validateNamingFile(certificatePath: certificatePath, keyPath: keyPath)?.error
    }

    /// Like ``validate(certificatePath:keyPath:)``, also saying which file is at fault.
    public static func validateNamingFile(certificatePath: String, keyPath: String) -> (culprit: Culprit, error: TransportError)? {
        guard let scratch = SSL_CTX_new(TLS_server_method()) else {
            return (.certificate, TransportError(.tlsLoadFailed, "OpenSSL could not create a context: \(lastError())"))
        }
        defer { SSL_CTX_free(scratch) }
        return loadNamingFile(into: scratch, certificatePath: certificatePath, keyPath: keyPath)
    }

    /// Checks that the certificate chain alone loads (for when the key cannot even be read).
    public static func validateCertificate(path: String) -> TransportError? {
        guard let scratch = SSL_CTX_new(TLS_server_method()) else {
            return TransportError(.tlsLoadFailed, "OpenSSL could not create a context: \(lastError())")
        }
        defer { SSL_CTX_free(scratch) }
        ERR_clear_error()
        guard SSL_CTX_use_certificate_chain_file(scratch, path) == 1 else {
            return TransportError(.tlsLoadFailed, "certificate \(path) does not load as a PEM chain: \(lastError())")
        }
        return nil
    }

    /// Days (and seconds past them) from now until the first certificate of the chain at `path`
    /// stops being valid, negative once it has; nil when it does not load.
    public static func timeUntilExpiry(certificatePath path: String) -> (days: Int, seconds: Int)? {
        guard let scratch = SSL_CTX_new(TLS_server_method()) else { return nil }
        defer { SSL_CTX_free(scratch); ERR_clear_error() }
        guard SSL_CTX_use_certificate_chain_file(scratch, path) == 1, let certificate = SSL_CTX_get0_certificate(scratch),
              let notAfter = X509_get0_notAfter(certificate) else { return nil }
        var days: Int32 = 0
        var seconds: Int32 = 0
        // From nil, which OpenSSL takes as now.
        guard ASN1_TIME_diff(&days, &seconds, nil, notAfter) == 1 else { return nil }
        return (Int(days), Int(seconds))
    }

    /// Loads the pair into `context` (the vhost's `SSL_CTX`; service thread only).
    static func load(into context: OpaquePointer, certificatePath: String, keyPath: String) -> TransportError? {
        loadNamingFile(into: context, certificatePath: certificatePath, keyPath: keyPath)?.error
    }

    private static func loadNamingFile(into context: OpaquePointer, certificatePath: String,
                                       keyPath: String) -> (culprit: Culprit, error: TransportError)? {
        ERR_clear_error()
        guard SSL_CTX_use_certificate_chain_file(context, certificatePath) == 1 else {
            return (.certificate, TransportError(.tlsLoadFailed,
                                                 "certificate \(certificatePath) does not load as a PEM chain: \(lastError())"))
        }
        guard SSL_CTX_use_PrivateKey_file(context, keyPath, reviewroom_ssl_filetype_pem) == 1 else {
            let detail = lastError()
            // OpenSSL 3 already refuses a key that does not match the certificate here.
            let problem = keyLoadsAlone(keyPath) ? "does not match certificate \(certificatePath)" : "does not load as PEM"
            return (.key, TransportError(.tlsLoadFailed, "private key \(keyPath) \(problem): \(detail)"))
        }
        guard SSL_CTX_check_private_key(context) == 1 else {
            return (.key, TransportError(.tlsLoadFailed,
                                         "private key \(keyPath) does not match certificate \(certificatePath): \(lastError())"))
        }
        return nil
    }

    /// Whether `keyPath` loads as a PEM private key in a context without a certificate.
    private static func keyLoadsAlone(_ keyPath: String) -> Bool {
        guard let scratch = SSL_CTX_new(TLS_server_method()) else { return false }
        defer { SSL_CTX_free(scratch); ERR_clear_error() }
        return SSL_CTX_use_PrivateKey_file(scratch, keyPath, reviewroom_ssl_filetype_pem) == 1
    }

    private static func lastError() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return "no OpenSSL detail" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
