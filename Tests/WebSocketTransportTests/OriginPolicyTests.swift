import Testing
@testable import WebSocketTransport

@Suite struct OriginPolicyTests {
    @Test func absentOriginIsAllowedForeignIsNot() {
        let policy = OriginPolicy(origins: OriginPolicy.boundOrigins(host: "127.0.0.1", port: 8080, tls: false))
        #expect(policy.permits(nil))
        #expect(policy.permits("http://localhost:8080"))
        #expect(policy.permits("HTTP://127.0.0.1:8080/"))
        #expect(!policy.permits("http://evil.example"))
        #expect(!policy.permits("https://127.0.0.1:8080"))
    }

    @Test func loopbackNamesAreOwnOnlyWhenTheDaemonAnswersOnLoopback() {
        let lan = OriginPolicy(origins: OriginPolicy.boundOrigins(host: "192.0.2.2", port: 8080, tls: false))
        #expect(lan.permits("http://192.0.2.2:8080"))
        #expect(!lan.permits("http://localhost:8080"))
        #expect(!lan.permits("http://127.0.0.1:8080"))
        #expect(!lan.permits("http://[::1]:8080"))
        for host in ["0.0.0.0", "::", "[::1]", "localhost", "127.0.0.2"] {
            let loopback = OriginPolicy(origins: OriginPolicy.boundOrigins(host: host, port: 8080, tls: false))
            #expect(loopback.permits("http://localhost:8080"), "\(host)")
            #expect(loopback.permits("http://127.0.0.1:8080"), "\(host)")
        }
    }

    @Test(arguments: [
        ("https://a.example:443", "https://a.example"), ("HTTP://B.Example:80/", "http://b.example"),
        ("wss://a.example:443", "wss://a.example"), ("ws://a.example:80", "ws://a.example"),
        ("https://[::1]:443", "https://[::1]"), ("https://a.example:8443", "https://a.example:8443"),
        ("http://a.example:443", "http://a.example:443"), ("https://a.example:80", "https://a.example:80"),
        ("https://[::443]", "https://[::443]"), ("https://a.example:4430", "https://a.example:4430"),
        ("null", "null"), ("https://a.example", "https://a.example"),
    ])
    func normaliseDropsOnlyTheSchemesDefaultPort(origin: String, expected: String) {
        #expect(OriginPolicy.normalise(origin) == expected)
    }

    @Test func theDefaultPortMatchesOnEitherSide() {
        let configured = OriginPolicy(origins: ["https://a.example:443", "http://b.example"])
        #expect(configured.permits("https://a.example"))
        #expect(configured.permits("https://a.example:443"))
        #expect(configured.permits("http://b.example:80"))
        #expect(!configured.permits("http://a.example"))
        #expect(!configured.permits("https://a.example:8443"))
        #expect(!configured.permits("https://b.example"))
    }
}
