@testable import ReviewRoomServer
import Testing

/// The words for a certificate near or past the end of its validity (`check-config`, `serve`'s
/// start and a reload say them): a failed renewal went unseen until browsers refused the room.
@Suite("TLS certificate expiry warning")
struct CertificateExpiryTests {
    @Test func aCertificateGoodForLongerThanTwoWeeksIsNotMentioned() {
        #expect(CertificateExpiry.warning("/c.pem", days: 14, seconds: 0) == nil)
        #expect(CertificateExpiry.warning("/c.pem", days: 400, seconds: 5) == nil)
    }

    @Test func theLastDaysAreCounted() throws {
        let soon = try #require(CertificateExpiry.warning("/c.pem", days: 13, seconds: 10))
        #expect(soon.hasPrefix("tls_cert /c.pem expires in 13 days: browsers will refuse"), "\(soon)")
        #expect(CertificateExpiry.warning("/c.pem", days: 1, seconds: 0)?.contains("expires in 1 day:") == true)
        #expect(CertificateExpiry.warning("/c.pem", days: 0, seconds: 3600)?.contains("expires within a day") == true)
        #expect(soon.contains("systemctl restart reviewroomd") && soon.contains("systemctl reload reviewroomd"))
    }

    @Test func anExpiredCertificateSaysSo() {
        #expect(CertificateExpiry.warning("/c.pem", days: -3, seconds: -10)
            == "tls_cert /c.pem has expired 3 days ago: every browser refuses the connection; renew it, then "
            + "`systemctl restart reviewroomd` (with the --with-tls drop-in) or `systemctl reload reviewroomd` (tls_cert read in place)")
        #expect(CertificateExpiry.warning("/c.pem", days: 0, seconds: -5)?.hasPrefix("tls_cert /c.pem has expired: every browser") == true)
        #expect(CertificateExpiry.warning("/c.pem", days: -1, seconds: 0)?.contains("has expired 1 day ago") == true)
    }
}
