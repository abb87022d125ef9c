import Foundation
import ReviewRoomCore
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// `facilitator revoke ID --transfer-to ID2` beside a serving daemon: the new owner takes the
/// revoked facilitator's sessions over through the API at once, and can shut the revoked
/// facilitator's open console (which joined as their facilitator participant) with 4003.
@Suite("facilitator revoke --transfer-to beside a running daemon")
struct RevokeTransferCommandTests {
    private struct Setup {
        var fixture: SessionFixture
        var fay: FacilitatorID
        var hal: IssuedFacilitatorToken
        var gone: FacilitatorID
    }

    /// Session by "Fay" (whose facilitator participant is "Fay"); "Hal" active; "Gone" revoked.
    private func setUp(_ data: URL) async throws -> Setup {
        let store = try await Store.open(StoreConfiguration(dataDirectory: data.path))
        do {
            let startsAt = Timestamp(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000))
            let fixture = try await SessionFixture.create(in: store, startsAt: startsAt)
            let fay = try #require(try await store.facilitators().first { $0.name == "Fay" }).id
            let hal = try await store.addFacilitator(name: "Hal")
            let gone = try await store.addFacilitator(name: "Gone")
            _ = try await store.revokeFacilitator(gone.facilitator.id)
            await store.close()
            return Setup(fixture: fixture, fay: fay, hal: hal, gone: gone.facilitator.id)
        } catch {
            await store.close()
            throw error
        }
    }

    private func status(_ method: String, _ path: String, token: String, port: Int) async throws -> Int {
        try await RawBlocking.run {
            let client = try RawHTTPClient(port: port)
            defer { client.close() }
            return try client.request(method, path, headers: [("Authorization", "Bearer \(token)")]).status
        }
    }

    @Test func theNewOwnerManagesTheSessionAndClosesTheRevokedFacilitatorsConsole() async throws {
        let data = try TemporaryDirectory.make(prefix: "transfer-data")
        let setup = try await setUp(data)
        let session = setup.fixture.session.rawValue
        let daemon = try await DaemonProcess.start(dataDirectory: data)
        defer { daemon.terminate() }
        let port = try await daemon.port()

        let console = try await ProtocolClient.connect(port: port)
        defer { console.disconnect() }
        #expect(try await console.hello(facilitatorToken: setup.fixture.facilitatorToken, session: session).type == "welcome")
        #expect(try await status("GET", "/api/v1/sessions/\(session)", token: setup.hal.token, port: port) == 404, "not Hal's yet")

        let revoked = try await reviewroomd(["facilitator", "revoke", setup.fay.rawValue, "--transfer-to", setup.hal.facilitator.id.rawValue,
                                             "--data-dir", data.path])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(revoked.stdout.contains("Revoked facilitator Fay"))
        #expect(revoked.stdout.contains("Transferred 1 session to Hal (id \(setup.hal.facilitator.id))"))

        #expect(try await status("GET", "/api/v1/sessions", token: setup.fixture.facilitatorToken, port: port) == 401)
        #expect(try await status("GET", "/api/v1/sessions/\(session)", token: setup.hal.token, port: port) == 200)
        let fayParticipant = try #require(setup.fixture.participantIDs["Fay"])
        #expect(try await status("DELETE", "/api/v1/sessions/\(session)/participants/\(fayParticipant)", token: setup.hal.token, port: port) == 204)
        #expect(try await console.closed().closeCode == 4003, "Fay's console joined as her facilitator participant")

        // Fay's invite link is dead; Hal's own console joins.
        let link = try await ProtocolClient.connect(port: port)
        defer { link.disconnect() }
        let refused = try await link.hello(token: try #require(setup.fixture.tokens["Fay"]))
        #expect(refused.type != "welcome")
        let hal = try await ProtocolClient.connect(port: port)
        defer { hal.disconnect() }
        #expect(try await hal.hello(facilitatorToken: setup.hal.token, session: session).type == "welcome")
        #expect(try await status("DELETE", "/api/v1/sessions/\(session)", token: setup.hal.token, port: port) == 204)
    }

    @Test func aWrongTransferTargetIsRefusedWithItsMessageAndNothingChanges() async throws {
        let data = try TemporaryDirectory.make(prefix: "transfer-refused")
        let setup = try await setUp(data)
        let session = setup.fixture.session.rawValue
        let daemon = try await DaemonProcess.start(dataDirectory: data)
        defer { daemon.terminate() }
        let port = try await daemon.port()

        let cases: [(String, String)] = [
            ("f_nobody", "no facilitator with that id"),
            (setup.gone.rawValue, "that facilitator is revoked too"),
            (setup.fay.rawValue, "to \(setup.fay) itself"),
        ]
        for (target, message) in cases {
            let result = try await reviewroomd(["facilitator", "revoke", setup.fay.rawValue, "--transfer-to", target, "--data-dir", data.path])
            #expect(result.status != 0, "--transfer-to \(target)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect(try await status("GET", "/api/v1/sessions/\(session)", token: setup.fixture.facilitatorToken, port: port) == 200,
                "Fay is not revoked and still owns her session")
        #expect(try await status("GET", "/api/v1/sessions/\(session)", token: setup.hal.token, port: port) == 404)
        let listed = try await reviewroomd(["facilitator", "list", "--data-dir", data.path])
        #expect(listed.stdout.contains("\(setup.fay)\tactive"))
    }
}
