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
}
