import WebSocketTransport

/// What `check-config`, `serve` and a reload say about `tls_cert`'s validity: a certificate that
/// has expired, or soon will, breaks every browser's connection with nothing in the journal
/// (browsers refuse it before a request is made), so a renewal that failed went unseen until
/// the morning of a review. Pure but for reading the file.
public enum CertificateExpiry {
    /// Days before the end of its validity from which a certificate is warned of.
    public static let warningDays = 14

    /// The warning for the certificate at `path`, or nil when it is good for longer than
    /// ``warningDays`` (or does not load: that is reported on its own).
    public static func warning(certificatePath path: String) -> String? {
        TLSCertificateLoader.timeUntilExpiry(certificatePath: path).flatMap { warning(path, days: $0.days, seconds: $0.seconds) }
    }

    /// The warning for a certificate valid for `days` and `seconds` more (negative: expired).
    static func warning(_ path: String, days: Int, seconds: Int) -> String? {
        let renew = "renew it, then `systemctl restart reviewroomd` (with the --with-tls drop-in) or "
            + "`systemctl reload reviewroomd` (tls_cert read in place)"
        if days < 0 || (days == 0 && seconds <= 0) {
            let ago = -days
            return "tls_cert \(path) has expired" + (ago > 0 ? " \(ago) day\(ago == 1 ? "" : "s") ago" : "")
                + ": every browser refuses the connection; " + renew
        }
        guard days < warningDays else { return nil }
        let left = days == 0 ? "within a day" : "in \(days) day\(days == 1 ? "" : "s")"
        return "tls_cert \(path) expires \(left): browsers will refuse the connection from then; " + renew
    }
}
