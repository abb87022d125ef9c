import ReviewRoomServer
import Testing

@Suite("Listen host resolution")
struct HostResolutionTests {
    @Test(arguments: ["127.0.0.1", "0.0.0.0", "::", "::1", "192.0.2.1"])
    func numericAddressesAreKeptAsWritten(host: String) throws {
        #expect(HostResolution.isNumeric(host))
        #expect(try HostResolution.numericHost(host).get() == host)
    }

    @Test func localhostResolvesToLoopback() throws {
        let address = try HostResolution.numericHost("localhost").get()
        #expect(HostResolution.isNumeric(address))
        #expect(address == "127.0.0.1" || address == "::1", "\(address)")
    }

    // "lo" is an interface name, which libwebsockets would take as one: it must not resolve here.
    @Test(arguments: ["example.invalid", "lo", "no-such-host.invalid"])
    func namesThatDoNotResolveSaySo(host: String) {
        guard case .failure(let error) = HostResolution.numericHost(host) else {
            Issue.record("\(host) resolved")
            return
        }
        #expect(!HostResolution.isNumeric(host))
        #expect(error.host == host)
        #expect(error.description.contains("\"\(host)\" does not resolve"))
    }

    @Test func wildcardsAreRecognised() {
        for host in ["0.0.0.0", "::", "0:0::0"] { #expect(HostResolution.isWildcard(host), "\(host)") }
        for host in ["127.0.0.1", "::1", "localhost", "10.0.0.0"] { #expect(!HostResolution.isWildcard(host), "\(host)") }
    }
}
